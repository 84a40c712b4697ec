using System.CommandLine;
using System.Reflection;

namespace PppTui.Cli;

/// <summary><c>ppptui bundle NAME [-o FILE]</c>: one tar.gz for a bug report, every secret masked.</summary>
public static class BundleVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var name = new Argument<string>("NAME") { Description = Msg.T("The profile (or peers file) the report is about") };
        var output = new Option<string?>("--output", "-o") { Description = Msg.T("Where to write it (default: ./ppptui-bundle-NAME.tar.gz)"), HelpName = "FILE" };
        var command = new Command("bundle",
            Msg.T("Write a support bundle (tar.gz): versions, doctor report, effective options, the profile's files, log, status and routes, with every secret masked"))
            { name, output };
        command.SetGuardedAction(app, async (parse, ctx, token) =>
        {
            var profile = parse.GetValue(name)!;
            var request = new BundleRequest(profile, parse.GetValue(output) ?? $"ppptui-bundle-{profile}.tar.gz") { AppVersion = AppVersion };
            var result = await new SupportBundle(ctx.Paths, ctx.Runner).WriteAsync(request, token).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.Out.WriteLine(ProfileJson.Write(new JsonObject
                {
                    ["path"] = result.Path,
                    ["entries"] = new JsonArray(result.Entries.Select(e => (JsonNode?)e).ToArray()),
                    ["secretsMasked"] = result.SecretsMasked,
                    ["notRead"] = new JsonArray(result.NotRead.Select(n => (JsonNode?)n).ToArray()),
                }));
            }
            else
            {
                ctx.Out.WriteLine(Msg.F("Wrote {0} ({1} files; {2} known secrets masked).", result.Path, result.Entries.Count, result.SecretsMasked));
                if (result.NotRead.Count > 0)
                {
                    ctx.Out.WriteLine(Msg.F("Partial: {0} could not be read without root (listed in {1}):", result.NotRead.Count, SupportBundle.NotReadEntry));
                    foreach (var n in result.NotRead) ctx.Out.WriteLine("  " + n);
                    ctx.Out.WriteLine(Msg.F("For a whole bundle: sudo ppptui bundle {0}", profile));
                }
                ctx.Out.WriteLine(Msg.T("Look through it before you send it: masking catches known secrets and password-like values, not everything."));
            }
            return ExitCodes.Ok;
        });
        yield return command;
    }

    /// <summary>The version the binary was built as (the informational version, without the commit suffix).</summary>
    public static string AppVersion =>
        typeof(BundleVerbs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
