using VaeCourse.Display;

namespace MiniTorch;

[TypeFormatterSource(typeof(TensorFormatterSource), PreferredMimeTypes = new[] { RichOutputFormatterSource.PlainText })]
public partial class Tensor
{
}
