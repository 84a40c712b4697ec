namespace PppTui.Cli;

/// <summary>
/// Reads a secret from stdin (one line) or, on a terminal, from a masked prompt. Never from argv:
/// a password on a command line shows in ps and in shell history.
/// </summary>
public static class SecretInput
{
    public static string Read(CliIO io, string label)
    {
        if (!io.InputIsTerminal)
        {
            var line = io.In.ReadLine() ?? throw new Core.PppTuiException(
                Msg.F("no {0} on standard input", label), Msg.F("Pipe it in, e.g. printf '%s\\n' \"$PASS\" | ppptui ... --{0}-stdin", label));
            return line.TrimEnd('\r');
        }
        io.Error.Write($"{char.ToUpperInvariant(label[0])}{label[1..]}: ");
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0) { secret.Length--; io.Error.Write("\b \b"); }
                continue;
            }
            if (!char.IsControl(key.KeyChar)) { secret.Append(key.KeyChar); io.Error.Write('*'); }
        }
        io.Error.WriteLine();
        return secret.ToString();
    }
}
