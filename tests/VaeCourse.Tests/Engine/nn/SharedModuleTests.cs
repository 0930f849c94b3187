using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Nn;

public class SharedModuleTests
{
    private sealed class Tied : nn.Module<Tensor, Tensor>
    {
        private readonly Linear first;
        private readonly Linear second;

        public Tied(Linear shared) : base("Tied")
        {
            first = shared;
            second = shared;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => second.forward(first.forward(x));
    }

    [Fact]
    public void A_module_shared_twice_lists_its_parameters_once_under_the_first_name()
    {
        var model = new Tied(nn.Linear(3, 3));
        var names = model.named_parameters().Select(e => e.name).ToArray();
        Assert.Equal(new[] { "first.weight", "first.bias" }, names);
        Assert.Equal(2, model.parameters().Count());
    }

    [Fact]
    public void Dimension_arguments_on_a_0_d_tensor_are_named_errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => tensor(3f).sum(0));
        Assert.Contains("sum", ex.Message);
        Assert.Contains("0-D", ex.Message);
    }
}
