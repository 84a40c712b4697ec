namespace PppTui.Tests.Cli;

/// <summary>Runs ppptui in-process against a sandbox root with a chosen process runner.</summary>
public static class ServiceCli
{
    public static CliOutcome Run(CliRunner sandbox, ICommandRunner? runner, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var io = new CliIO(output, error, new StringReader(stdin ?? ""), InputIsTerminal: false);
        var code = new CliApp(io, runner).Run(["--root", sandbox.Root, .. args]);
        return new CliOutcome(code, output.ToString(), error.ToString());
    }
}
