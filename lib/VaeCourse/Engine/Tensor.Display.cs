using VaeCourse.Display;

namespace MiniTorch;

[TypeFormatterSource(typeof(TensorFormatterSource), PreferredMimeTypes = new[] { RichOutputFormatterSource.PlainText })]
public sealed partial class Tensor
{
}
