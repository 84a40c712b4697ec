namespace PppTui.Cli;

/// <summary>The streams a CLI invocation talks through, so tests can run verbs in-process.</summary>
public sealed record CliIO(TextWriter Out, TextWriter Error, TextReader In, bool InputIsTerminal)
{
    public static CliIO FromConsole() =>
        new(Console.Out, Console.Error, Console.In, !Console.IsInputRedirected);
}
