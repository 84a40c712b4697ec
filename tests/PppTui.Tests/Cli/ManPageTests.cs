namespace PppTui.Tests.Cli;

public class ManPageTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Join(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PppTui.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_man_page_documents_every_verb_and_every_exit_code()
    {
        var man = File.ReadAllText(Path.Join(RepositoryRoot(), "packaging", "ppptui.8"));
        var root = new CliApp(new CliIO(TextWriter.Null, TextWriter.Null, TextReader.Null, false)).BuildRoot();
        var documented = man.Split('\n').Where(l => l.StartsWith(".B", StringComparison.Ordinal)).ToList();

        foreach (var verb in root.Subcommands.Select(c => c.Name))
            Assert.True(documented.Any(l => l.Contains($"\"{verb} ", StringComparison.Ordinal) || l.Contains($" {verb} ", StringComparison.Ordinal)
                                            || l.EndsWith(" " + verb, StringComparison.Ordinal) || l.Contains($"\"{verb}\"", StringComparison.Ordinal)),
                $"the man page does not document '{verb}'");
        foreach (var sub in root.Subcommands.Single(c => c.Name == "service").Subcommands.Select(c => c.Name))
            Assert.Contains($"service {sub}", man);
        foreach (var (code, _) in ExitCodes.All)
            Assert.Contains($".TP\n.B {code}\n", man);
    }
}
