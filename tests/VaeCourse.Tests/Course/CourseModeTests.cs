using VaeCourse.Course;

namespace VaeCourse.Tests.Course;

public class CourseModeTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    public void Smoke_values(string value) => Assert.True(CourseMode.Parse(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0")]
    [InlineData("False")]
    public void Full_values(string? value) => Assert.False(CourseMode.Parse(value));

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("smoke")]
    public void Anything_else_is_an_error_naming_the_variable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CourseMode.Parse(value));

        Assert.StartsWith($"VAE_SMOKE is \"{value}\"", error.Message);
    }

    [Fact]
    public void Choose_and_Describe_follow_the_environment()
    {
        // Reads the process's variable as it is (tests do not change process-wide state).
        bool smoke = CourseMode.Parse(Environment.GetEnvironmentVariable(CourseMode.SmokeVariable));

        Assert.Equal(smoke, CourseMode.IsSmoke);
        Assert.Equal(smoke ? 1 : 10, CourseMode.Choose(full: 10, smoke: 1));
        Assert.StartsWith(smoke ? "Smoke mode" : "Full mode", CourseMode.Describe());
    }
}
