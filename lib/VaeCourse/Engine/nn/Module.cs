using System.Reflection;
using MiniTorch.Modules;

namespace MiniTorch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of every layer and model (TorchSharp's <c>torch.nn.Module</c>): holds named parameters and submodules,
        /// the train/eval flag, and the state_dict. Subclasses declare fields and call <see cref="RegisterComponents"/>.
        /// </summary>
        public abstract class Module : IDisposable
        {
            private readonly List<(string name, Parameter? parameter)> _parameters = new();
            private readonly List<(string name, Module module)> _modules = new();
            private readonly string _name;

            protected Module(string name) => _name = name;

            /// <summary>The name given at construction.</summary>
            public string GetName() => _name;

            /// <summary>True in training mode (the default); set by <see cref="train"/> and <see cref="eval"/>.</summary>
            public bool training { get; private set; } = true;

            /// <summary>
            /// Registers every field (declared in this class or a base below Module) that holds a module or a parameter,
            /// under the field's name, in declaration order.
            /// </summary>
            protected virtual void RegisterComponents()
            {
                for (Type? type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                    foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        object? value = field.GetValue(this);
                        string name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>')] : field.Name;
                        if (value is Parameter p && !_parameters.Any(e => e.name == name)) register_parameter(name, p);
                        else if (value is Module m && !_modules.Any(e => e.name == name)) register_module(name, m);
                    }
            }

            /// <summary>Adds a submodule under <paramref name="name"/>.</summary>
            public virtual void register_module(string name, Module submodule)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"register_module: module name '{name}' must be non-empty and contain no '.'");
                if (_modules.Any(e => e.name == name) || _parameters.Any(e => e.name == name))
                    throw new ArgumentException($"register_module: '{name}' is already registered in {_name}");
                _modules.Add((name, submodule));
            }

            /// <summary>Adds a parameter under <paramref name="name"/> (null keeps the slot, e.g. a missing bias).</summary>
            public virtual void register_parameter(string name, Parameter? param)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"register_parameter: parameter name '{name}' must be non-empty and contain no '.'");
                if (_modules.Any(e => e.name == name) || _parameters.Any(e => e.name == name))
                    throw new ArgumentException($"register_parameter: '{name}' is already registered in {_name}");
                _parameters.Add((name, param));
            }

            /// <summary>Parameters with dotted names ("encoder.0.weight"), this module's first, then each child's.</summary>
            /// <remarks>A parameter reachable twice (a module shared by two parents) is listed once, under its first name,
            /// as PyTorch does, so an optimizer never updates a tied weight twice.</remarks>
            public virtual IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
                foreach (var entry in AllParameters(recurse, prefix: null))
                    if (seen.Add(entry.parameter)) yield return entry;
            }

            private IEnumerable<(string name, Parameter parameter)> AllParameters(bool recurse, string? prefix)
            {
                foreach (var (name, p) in _parameters)
                    if (p is not null) yield return (prefix is null ? name : $"{prefix}.{name}", p);
                if (!recurse) yield break;
                foreach (var (childName, child) in _modules)
                    foreach (var entry in child.AllParameters(true, prefix is null ? childName : $"{prefix}.{childName}"))
                        yield return entry;
            }

            /// <summary>All parameters (what an optimizer takes).</summary>
            public virtual IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(e => e.parameter);

            /// <summary>Direct submodules with their names.</summary>
            public virtual IEnumerable<(string name, Module module)> named_children() => _modules;

            /// <summary>Direct submodules.</summary>
            public virtual IEnumerable<Module> children() => _modules.Select(e => e.module);

            /// <summary>Every submodule below this one, with dotted names.</summary>
            public virtual IEnumerable<(string name, Module module)> named_modules()
            {
                foreach (var (name, child) in _modules)
                {
                    yield return (name, child);
                    foreach (var (sub, m) in child.named_modules()) yield return ($"{name}.{sub}", m);
                }
            }

            /// <summary>Sets training mode here and in every submodule.</summary>
            public virtual Module train(bool train = true)
            {
                training = train;
                foreach (var (_, m) in _modules) m.train(train);
                return this;
            }

            /// <summary>Sets evaluation mode (<c>train(false)</c>).</summary>
            public virtual Module eval() => train(false);

            /// <summary>Clears the gradients of every parameter (to null by default, as PyTorch 2).</summary>
            public virtual void zero_grad(bool set_to_none = true)
            {
                foreach (var p in parameters())
                    if (set_to_none) p.grad = null;
                    else p.grad?.zero_();
            }

            /// <summary>The parameters by dotted name. Values are the live parameters (not copies), as in TorchSharp.</summary>
            public virtual Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
            {
                destination ??= new Dictionary<string, Tensor>();
                foreach (var (name, p) in named_parameters())
                    destination[prefix is null ? name : $"{prefix}.{name}"] = p;
                return destination;
            }

            /// <summary>
            /// Copies values from <paramref name="source"/> into the parameters. A mis-shaped tensor is an error naming the
            /// key and both shapes; with <paramref name="strict"/>, missing or unexpected keys are an error listing them.
            /// </summary>
            public virtual (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(
                Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
            {
                ArgumentNullException.ThrowIfNull(source);
                var own = state_dict();
                var missing = own.Keys.Where(k => !source.ContainsKey(k) && (skip is null || !skip.Contains(k))).ToList();
                var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
                if (strict && (missing.Count > 0 || unexpected.Count > 0))
                    throw new InvalidOperationException($"load_state_dict: the state_dict does not match {_name}: " +
                        $"missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
                var loads = new List<(Tensor target, Tensor value)>();
                foreach (var (key, target) in own)
                {
                    if (!source.TryGetValue(key, out Tensor? value) || (skip?.Contains(key) ?? false)) continue;
                    if (!target.Shape.SequenceEqual(value.Shape))
                        throw new InvalidOperationException($"load_state_dict: '{key}' has shape {Check.Shape(value.Shape)} in the state_dict, but the model's is {Check.Shape(target.Shape)}");
                    loads.Add((target, value));
                }
                // Copied only once every shape has been checked, so a failed load leaves the model as it was.
                using (no_grad())
                    foreach (var (target, value) in loads) target.copy_(value);
                return (missing, unexpected);
            }

            public virtual void Dispose() { }

            public override string ToString() => $"{_name}({string.Join(", ", _modules.Select(m => m.name))})";
        }

        /// <summary>A module with one input (TorchSharp's <c>Module&lt;T,TResult&gt;</c>).</summary>
        public abstract class Module<T, TResult> : Module
        {
            protected Module(string name) : base(name) { }

            /// <summary>The computation; call it directly or through <see cref="call"/>.</summary>
            public abstract TResult forward(T input);

            /// <summary>Runs <see cref="forward"/> (TorchSharp also runs hooks here).</summary>
            public TResult call(T input) => forward(input);
        }

        /// <summary>A module with two inputs.</summary>
        public abstract class Module<T1, T2, TResult> : Module
        {
            protected Module(string name) : base(name) { }
            public abstract TResult forward(T1 input1, T2 input2);
            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}
