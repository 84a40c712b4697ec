using System.CommandLine;

namespace PppTui.Cli;

/// <summary>Profile verbs: list, show, new, set, delete, import, preview, diff, apply, effective.</summary>
public static class ProfileVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var list = new Command("list", "List every profile");
        list.SetAction(parse =>
        {
            var ctx = app.ContextFor(parse);
            var dir = ctx.Paths.ProfilesDir;
            if (!Directory.Exists(dir)) return 0;
            foreach (var f in Directory.EnumerateFiles(dir, "*.toml").Order(StringComparer.Ordinal))
                ctx.Out.WriteLine(Path.GetFileNameWithoutExtension(f));
            return 0;
        });
        yield return list;
    }
}
