using System.CommandLine;

namespace PppTui.Cli;

/// <summary>
/// <c>ppptui service enable|disable|status|unit</c>: links kept up by systemd (ppptui@NAME.service),
/// across logouts and reboots.
/// </summary>
public static class ServiceVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var service = new Command("service", Msg.T("Keep a link up with systemd across logouts and reboots (ppptui@NAME.service)"));
        service.Subcommands.Add(Enable(app));
        service.Subcommands.Add(Disable(app));
        service.Subcommands.Add(Status(app));
        service.Subcommands.Add(Unit(app));
        yield return service;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = Msg.T("Profile name (the peers file name)") };

    private static ServiceManager Manager(CliContext ctx) => new(ctx.Paths, ctx.Runner);

    private static Command Enable(CliApp app)
    {
        var name = NameArgument();
        var noStart = new Option<bool>("--no-start") { Description = Msg.T("Enable for the next boot only; do not start it now") };
        var wait = new Option<int>("--wait") { Description = Msg.T("Seconds to wait for the link to come up"), DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        var command = new Command("enable", Msg.T("Write the unit, enable it at boot and start it now (systemctl enable --now)")) { name, noStart, wait };
        command.SetGuardedAction(app, async (parse, ctx, token) =>
        {
            var result = await Manager(ctx).EnableAsync(parse.GetValue(name)!, !parse.GetValue(noStart),
                TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(wait), 0, 600)), token).ConfigureAwait(false);
            Print(ctx, result, "enabled");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable(CliApp app)
    {
        var name = NameArgument();
        var keep = new Option<bool>("--keep-running") { Description = Msg.T("Only stop starting it at boot; leave the running link up") };
        var command = new Command("disable", Msg.T("Stop the link and stop starting it at boot (systemctl disable --now)")) { name, keep };
        command.SetGuardedAction(app, async (parse, ctx, token) =>
        {
            var result = await Manager(ctx).DisableAsync(parse.GetValue(name)!, !parse.GetValue(keep), token).ConfigureAwait(false);
            Print(ctx, result, "disabled");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(CliApp app)
    {
        var name = new Argument<string?>("NAME") { Description = Msg.T("Profile name (default: every profile and every enabled unit)"), Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", Msg.T("Show whether systemd keeps the link up, and its state")) { name };
        command.SetGuardedAction(app, async (parse, ctx, token) =>
        {
            var manager = Manager(ctx);
            if (manager.Presence == SystemdPresence.Absent)
            {
                var profile = parse.GetValue(name) ?? "NAME";
                if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(new JsonObject { ["systemd"] = "absent", ["alternative"] = SystemdAlternative.For(profile) }));
                return ctx.Fail(ExitCodes.Failure, Msg.T("systemd is not running on this system (no /run/systemd/system), so no link is kept up as a service."),
                    SystemdAlternative.For(profile));
            }
            List<string> names = parse.GetValue(name) is { } one ? [one] : AllNames(ctx, manager);
            var statuses = new List<ServiceStatus>();
            foreach (var n in names) statuses.Add(await manager.StatusAsync(n, token).ConfigureAwait(false));
            if (ctx.Json)
            {
                var json = statuses.Select(s => (JsonNode?)StatusJson(s)).ToArray();
                ctx.Out.WriteLine(ProfileJson.Write(parse.GetValue(name) is null ? new JsonArray(json) : json[0]!));
            }
            else if (statuses.Count == 0)
                ctx.Out.WriteLine(Msg.T("No profiles and no ppptui units. Make a link a service with 'ppptui service enable NAME'."));
            else
                foreach (var s in statuses) ctx.Out.WriteLine($"{s.Profile,-20} {s.Unit,-32} {s.Describe()}");
            // One link asked about: its exit code says whether systemd keeps it up now.
            if (parse.GetValue(name) is not null && manager.Presence == SystemdPresence.Running && !statuses[0].Active)
                return ExitCodes.LinkDown;
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> AllNames(CliContext ctx, ServiceManager manager)
    {
        var names = new ProfileService(ctx.Paths).List().Profiles.Select(p => p.Name).ToList();
        names.AddRange(manager.EnabledProfiles());
        return names.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static Command Unit(CliApp app)
    {
        var command = new Command("unit", Msg.T("Print the systemd template unit ppptui writes (ppptui@.service)"));
        command.SetGuardedAction(app, (parse, ctx) =>
        {
            var text = SystemdUnits.RenderTemplate(SystemdUnits.FindPppd(ctx.Paths));
            if (ctx.Json) ctx.Out.WriteLine(ProfileJson.Write(new JsonObject { ["unit"] = "ppptui@.service", ["text"] = text }));
            else ctx.Out.Write(text);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CliContext ctx, ServiceActionResult result, string verb)
    {
        if (ctx.Json)
        {
            ctx.Out.WriteLine(ProfileJson.Write(new JsonObject
            {
                ["profile"] = result.Profile,
                ["unit"] = result.Unit,
                ["unit_file_written"] = result.UnitFileWritten,
                ["commands"] = new JsonArray(result.Commands.Select(c => (JsonNode?)JsonValue.Create(c.ToString())).ToArray()),
                ["status"] = StatusJson(result.Status),
                ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            }));
            return;
        }
        if (result.UnitFileWritten is { } written) ctx.Out.WriteLine(Msg.F("wrote {0}", written));
        foreach (var c in result.Commands) ctx.Out.WriteLine(Msg.F("ran   {0}", c));
        ctx.Out.WriteLine($"{result.Profile}: {verb}; {result.Status.Describe()}");
        foreach (var note in result.Notes) ctx.Out.WriteLine(Msg.F("note: {0}", note));
    }

    public static JsonObject StatusJson(ServiceStatus s) => new()
    {
        ["profile"] = s.Profile,
        ["unit"] = s.Unit,
        ["systemd"] = s.Presence.ToString().ToLowerInvariant(),
        ["enabled"] = s.Enabled,
        ["active"] = s.Active,
        ["load_state"] = s.LoadState,
        ["active_state"] = s.ActiveState,
        ["sub_state"] = s.SubState,
        ["unit_file_state"] = s.UnitFileState,
        ["main_pid"] = s.MainPid,
        ["result"] = s.Result,
        ["exec_main_status"] = s.ExecMainStatus,
        ["active_since"] = s.ActiveSince,
    };
}
