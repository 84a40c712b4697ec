namespace PppTui.Core.Tests.Architecture;

/// <summary>A kind is one folder: nothing under src/ names a kind except its own folder and the registry.</summary>
public partial class KindFolderTests
{
    [Fact]
    public void No_source_file_names_a_kind_outside_its_folder_and_the_registry()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var registry = Path.Combine(src, "PppTui.Core", "Kinds", "KindRegistry.cs");
        var offenders = new List<string>();
        foreach (var kind in KindRegistry.All)
        {
            var folderName = kind.GetType().Namespace!.Split('.')[^1];
            var folder = Path.Combine(src, "PppTui.Core", "Kinds", folderName) + Path.DirectorySeparatorChar;
            var names = NamesOf(folder, folderName);
            foreach (var file in SourceFiles(src).Where(f => !f.StartsWith(folder, StringComparison.Ordinal) && f != registry))
            {
                var code = WithoutComments(File.ReadAllText(file));
                foreach (var name in names.Where(n => n.IsMatch(code)))
                    offenders.Add($"{Path.GetRelativePath(src, file)} names {folderName} ({name})");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_catches_a_file_that_names_a_kind()
    {
        var names = NamesOf(Path.Combine(RepositoryRoot(), "src", "PppTui.Core", "Kinds", "Modem") + Path.DirectorySeparatorChar, "Modem");

        Assert.Contains(names, n => n.IsMatch(WithoutComments("var device = profile.Modem?.Device;")));
        Assert.Contains(names, n => n.IsMatch(WithoutComments("if (kind == ProfileKind.Modem) { }")));
        Assert.Contains(names, n => n.IsMatch(WithoutComments("var settings = new ModemSettings();")));
        Assert.DoesNotContain(names, n => n.IsMatch(WithoutComments("// a modem hangs up: profile.Modem")));
    }

    // What names a kind: the types declared in its folder (its kind class, its settings, its
    // extensions) and the folder's name as a member (ProfileKind.Modem, profile.Modem, Kinds.Modem).
    private static List<Regex> NamesOf(string folder, string folderName)
    {
        var types = SourceFiles(folder)
            .SelectMany(f => TypeDeclaration().Matches(WithoutComments(File.ReadAllText(f))).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(types);
        return [.. types.Select(t => new Regex($@"\b{t}\b")), new Regex($@"\.{folderName}\b")];
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string WithoutComments(string code) => Comment().Replace(code, "");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
