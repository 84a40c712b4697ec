namespace PppTui.Core.PppConfig;

/// <summary>
/// Something in a pppd or chat file that the program itself would warn about or stumble over
/// (a word pppd truncates, a quote that never closes, an option missing its argument).
/// Parsing never throws: the text is kept as it is and the problems are listed.
/// </summary>
/// <param name="Line">1-based line the problem starts on.</param>
/// <param name="Message">What is wrong and what to do about it, in words.</param>
public sealed record SyntaxProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
