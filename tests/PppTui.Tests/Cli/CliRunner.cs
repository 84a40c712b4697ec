namespace PppTui.Tests.Cli;

/// <summary>Runs ppptui verbs in-process against a sandbox root, capturing what they print.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Root = Path.Join(Path.GetTempPath(), "ppptui-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Join(Root, "etc", "ppp", "peers"));
    }

    public string Root { get; }

    public string PathOf(string systemPath) => Path.Join(Root, systemPath.TrimStart('/'));

    public void Write(string systemPath, string text, UnixFileMode? mode = null)
    {
        var full = PathOf(systemPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        if (mode is { } m) File.SetUnixFileMode(full, m);
    }

    public string Read(string systemPath) => File.ReadAllText(PathOf(systemPath));

    public CliOutcome RunWithInput(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIO(output, error, new StringReader(stdin ?? ""), InputIsTerminal: false);
        var code = new CliApp(io).Run(["--root", Root, .. args]);
        return new CliOutcome(code, output.ToString(), error.ToString());
    }

    public CliOutcome Run(params string[] args) => RunWithInput(null, args);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

public sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}";
}
