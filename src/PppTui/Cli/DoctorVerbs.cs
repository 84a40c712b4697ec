using System.CommandLine;

namespace PppTui.Cli;

/// <summary><c>ppptui doctor [NAME] [--probe]</c>: the box's and the profiles' health, each check with its fix.</summary>
public static class DoctorVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var name = new Argument<string?>("NAME") { Description = Msg.T("Check only this profile (default: every profile)"), Arity = ArgumentArity.ZeroOrOne };
        var probe = new Option<bool>("--probe") { Description = Msg.T("Also connect to each PPTP server on TCP 1723 (the only check that uses the network)") };
        var timeout = new Option<int>("--timeout") { Description = Msg.T("Seconds to wait for the --probe connection"), DefaultValueFactory = _ => 5, HelpName = "SECONDS" };
        var command = new Command("doctor", Msg.T("Check kernel PPP support, tools, secrets, DNS, locks and profile options; each finding with its fix")) { name, probe, timeout };
        command.SetGuardedAction(app, async (parse, ctx, token) =>
        {
            var request = new DoctorRequest
            {
                Profile = parse.GetValue(name),
                Probe = parse.GetValue(probe),
                ProbeTimeout = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 1, 120)),
            };
            var report = await new DoctorService(ctx.Paths, ctx.Runner).RunAsync(request, token).ConfigureAwait(false);
            if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(ToJson(report)));
            else Print(ctx.Out, report);
            return report.HasFailures ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        yield return command;
    }

    public static string StatusWord(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "skip",
    };

    // The text report's status column; JSON keeps StatusWord (scripts match on it).
    private static string ShownStatus(CheckStatus status) => status switch
    {
        CheckStatus.Ok => Msg.T("OK"),
        CheckStatus.Warn => Msg.T("WARN"),
        CheckStatus.Fail => Msg.T("FAIL"),
        _ => Msg.T("SKIP"),
    };

    public static JsonObject ToJson(DoctorReport report) => new()
    {
        ["ok"] = !report.HasFailures,
        ["summary"] = new JsonObject
        {
            ["ok"] = report.Count(CheckStatus.Ok),
            ["warn"] = report.Count(CheckStatus.Warn),
            ["fail"] = report.Count(CheckStatus.Fail),
            ["skip"] = report.Count(CheckStatus.Skip),
        },
        ["checks"] = new JsonArray(report.Checks.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["profile"] = c.Profile,
            ["status"] = StatusWord(c.Status),
            ["title"] = c.Title,
            ["detail"] = c.Detail,
            ["evidence"] = c.Evidence,
            ["fix"] = c.Fix,
        }).ToArray()),
    };

    /// <summary>The report for people: machine checks first, then one block per profile.</summary>
    public static void Print(TextWriter output, DoctorReport report)
    {
        string? profile = null;
        var first = true;
        foreach (var check in report.Checks)
        {
            if (check.Profile != profile || first)
            {
                if (!first) output.WriteLine();
                output.WriteLine(check.Profile is null ? Msg.T("This machine:") : Msg.F("Profile {0}:", check.Profile));
                profile = check.Profile;
                first = false;
            }
            output.WriteLine("  " + Tui.Text.Columns.Fit(ShownStatus(check.Status), 4) + $"  {check.Id,-22} {check.Detail}");
            if (check.Status is CheckStatus.Warn or CheckStatus.Fail)
            {
                if (check.Evidence is { } evidence) output.WriteLine($"        {"",-22} " + Msg.F("seen: {0}", evidence));
                if (check.Fix is { } fix) output.WriteLine($"        {"",-22} " + Msg.F("fix:  {0}", fix));
            }
        }
        output.WriteLine();
        output.WriteLine(report.Summary);
    }
}
