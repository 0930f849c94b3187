using MiniTorch;
using MiniTorch.Modules;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>Module: parameter discovery by reflection, dotted names, train/eval, state_dict save and load.</summary>
public class ModuleTests
{
    /// <summary>A small encoder/decoder in the style of the course's models: fields, a Sequential, a raw Parameter.</summary>
    private sealed class TinyAutoencoder : nn.Module<Tensor, Tensor>
    {
        private readonly Sequential enc;
        private readonly Linear dec;
        private readonly Parameter scale;
        private readonly Tensor notAParameter = zeros(2);   // a plain tensor is state, not a parameter
        private readonly int hidden = 3;                     // neither a module nor a parameter: ignored

        public TinyAutoencoder() : base("TinyAutoencoder")
        {
            enc = nn.Sequential(nn.Linear(4, hidden), nn.ReLU(), nn.Linear(hidden, 2));
            dec = nn.Linear(2, 4, hasBias: false);
            scale = new Parameter(ones(4));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => dec.forward(enc.forward(input)).sigmoid() * scale + notAParameter.sum();
    }

    private static readonly string[] ExpectedNames =
        { "scale", "enc.0.weight", "enc.0.bias", "enc.2.weight", "enc.2.bias", "dec.weight" };

    [Fact]
    public void Parameters_are_found_with_dotted_names_own_first_then_children()
    {
        var model = new TinyAutoencoder();
        Assert.Equal(ExpectedNames, model.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "scale" }, model.named_parameters(recurse: false).Select(p => p.name));
        Assert.Equal(6, model.parameters().Count());
        Assert.Equal(new[] { "enc", "dec" }, model.named_children().Select(c => c.name));
        Assert.Equal(new[] { "enc", "enc.0", "enc.1", "enc.2", "dec" }, model.named_modules().Select(m => m.name));
        Assert.Equal(new long[] { 3, 4 }, model.state_dict()["enc.0.weight"].shape);
    }

    [Fact]
    public void Named_sequential_children_keep_their_names()
    {
        var model = nn.Sequential(("fc1", nn.Linear(2, 3)), ("act", nn.Tanh()), ("fc2", nn.Linear(3, 1)));
        Assert.Equal(new[] { "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }, model.named_parameters().Select(p => p.name));
        Assert.Equal(3, model.Count);
    }

    [Fact]
    public void Every_discovered_parameter_receives_a_gradient()
    {
        var model = new TinyAutoencoder();
        var x = TestTensors.Uniform(new long[] { 5, 4 }, -1, 1, seed: 1);
        model.forward(x).sum().backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.NotNull(p.grad);
            Assert.Equal(p.shape, p.grad!.shape);
            Assert.True(p.grad.ToArray().Any(v => v != 0f), $"{name} got an all-zero gradient");
        }
        model.zero_grad();
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Train_and_eval_propagate_to_every_submodule()
    {
        var model = new TinyAutoencoder();
        Assert.True(model.training);
        model.eval();
        Assert.False(model.training);
        Assert.All(model.named_modules(), m => Assert.False(m.module.training, $"{m.name} still training"));
        model.train();
        Assert.All(model.named_modules(), m => Assert.True(m.module.training, $"{m.name} not training"));
        model.train(false);
        Assert.All(model.named_modules(), m => Assert.False(m.module.training));
    }

    [Fact]
    public void State_dict_round_trip_gives_identical_outputs()
    {
        var source = new TinyAutoencoder();
        var target = new TinyAutoencoder();
        var x = TestTensors.Uniform(new long[] { 3, 4 }, -1, 1, seed: 2);
        Assert.NotEqual(source.forward(x).ToArray(), target.forward(x).ToArray());   // fresh inits differ

        var (missing, unexpected) = target.load_state_dict(source.state_dict());
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(source.forward(x).ToArray(), target.forward(x).ToArray());

        // Loading copies values: later changes to the source do not leak into the target.
        source.state_dict()["dec.weight"].zero_();
        Assert.NotEqual(source.forward(x).ToArray(), target.forward(x).ToArray());
        Assert.All(target.parameters(), p => Assert.True(p.requires_grad && p.is_leaf));
    }

    [Fact]
    public void Load_state_dict_reports_missing_and_unexpected_keys()
    {
        var model = new TinyAutoencoder();
        var state = new TinyAutoencoder().state_dict();
        state.Remove("enc.2.bias");
        state["extra.weight"] = zeros(1);

        var error = Assert.Throws<InvalidOperationException>(() => model.load_state_dict(state));
        Assert.Equal("load_state_dict: the state_dict does not match TinyAutoencoder: missing [enc.2.bias], unexpected [extra.weight]", error.Message);

        var (missing, unexpected) = model.load_state_dict(state, strict: false);
        Assert.Equal(new[] { "enc.2.bias" }, missing);
        Assert.Equal(new[] { "extra.weight" }, unexpected);
    }

    [Fact]
    public void Load_state_dict_rejects_a_misshaped_tensor_naming_the_key_and_both_shapes()
    {
        var model = new TinyAutoencoder();
        var state = new TinyAutoencoder().state_dict();
        state["enc.0.weight"] = zeros(4, 3);
        var error = Assert.Throws<InvalidOperationException>(() => model.load_state_dict(state));
        Assert.Equal("load_state_dict: 'enc.0.weight' has shape (4,3) in the state_dict, but the model's is (3,4)", error.Message);
    }

    [Fact]
    public void A_failed_load_changes_nothing()
    {
        // Only the last parameter (dec.weight) is misshaped: the ones before it must not have been overwritten.
        var model = new TinyAutoencoder();
        var before = model.parameters().Select(p => p.ToArray()).ToArray();
        var state = new TinyAutoencoder().state_dict();
        state["dec.weight"] = zeros(4, 3);
        Assert.Throws<InvalidOperationException>(() => model.load_state_dict(state));
        Assert.Equal(before, model.parameters().Select(p => p.ToArray()).ToArray());
    }

    [Fact]
    public void Registering_a_name_twice_or_a_dotted_name_is_an_error()
    {
        var model = nn.Sequential(nn.Linear(2, 2));
        Assert.Equal("register_module: '0' is already registered in Sequential",
            Assert.Throws<ArgumentException>(() => model.register_module("0", nn.ReLU())).Message);
        Assert.Equal("register_module: module name 'a.b' must be non-empty and contain no '.'",
            Assert.Throws<ArgumentException>(() => model.register_module("a.b", nn.ReLU())).Message);
    }
}
