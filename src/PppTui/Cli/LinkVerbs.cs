using System.CommandLine;
using System.Runtime.ExceptionServices;

namespace PppTui.Cli;

/// <summary>Link verbs: connect, disconnect, status, explain. Each is one call of <see cref="LinkManager"/>.</summary>
public static class LinkVerbs
{
    public static IEnumerable<Command> Create(CliApp app, Func<CliContext, LinkManager>? managerFor = null)
    {
        managerFor ??= ctx => LinkManager.ForSystem(ctx.Paths, ctx.Runner);
        yield return Connect(app, managerFor);
        yield return Disconnect(app, managerFor);
        yield return StatusVerb(app, managerFor);
        yield return Explain(app, managerFor);
        yield return ProbeVerbs.Probe(app, managerFor);
    }

    private static Argument<string> NameArgument(string description) => new("NAME") { Description = description };

    private static Command Connect(CliApp app, Func<CliContext, LinkManager> managerFor)
    {
        var name = NameArgument(Msg.T("The profile (peers file) to dial"));
        var wait = new Option<int>("--wait")
        {
            Description = Msg.T("Seconds to wait for the link to come up"),
            DefaultValueFactory = _ => 60,
            HelpName = "SECONDS",
        };
        var command = new Command("connect", Msg.T("Dial a link (pppd call NAME); exit 0 once it is up, otherwise print the diagnosis"))
        {
            name,
            wait,
        };
        command.SetGuardedAction(app, async (parse, ctx, cancellationToken) =>
        {
            var link = parse.GetValue(name)!;
            var seconds = parse.GetValue(wait);
            if (seconds <= 0) return ctx.Fail(ExitCodes.Usage, Msg.T("--wait must be a positive number of seconds"));
            // Under --json the progress lines go to stderr as notices, one JSON object each.
            var progress = ctx.Json ? new NoticeWriter(ctx) : ctx.Out;
            ctx.RequireLiveSystem("connect");
            var manager = managerFor(ctx);
            foreach (var other in manager.SharingPptpServer(link)) ctx.Notice(LinkManager.SharedServerWarning(link, other));
            // The final block explains a Down and lists the warnings; progress would only repeat them.
            var outcome = await manager.ConnectAsync(link, TimeSpan.FromSeconds(seconds),
                e => PrintProgress(progress, e, finalBlockFollows: true), cancellationToken);
            var status = outcome.Status ?? new LinkStatus
            {
                Name = link,
                State = outcome.State,
                Reason = outcome.Reason,
                Diagnosis = outcome.Diagnosis,
            };
            if (ctx.Json)
            {
                ctx.Out.WriteLine(JsonSerializer.Serialize(status, LinkStatusJsonContext.Default.LinkStatus));
            }
            else if (outcome.IsUp)
            {
                WriteStatus(ctx.Out, status);
            }
            else
            {
                ctx.Out.WriteLine($"{link}: {outcome.State.Describe()}: {outcome.Reason}");
                if (outcome.Diagnosis is { } d) WriteDiagnosis(ctx.Out, d, "  ");
                if (outcome.ExitStatus is { } exit && exit != 0) ctx.Out.WriteLine(Msg.F("  pppd exit status {0}", exit));
            }
            return outcome.IsUp ? ExitCodes.Ok : ExitCodes.LinkDown;
        }, Guard);
        return command;
    }

    /// <summary>Turns each line written to it into one notice of the context.</summary>
    private sealed class NoticeWriter(CliContext ctx) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value) => ctx.Notice(value ?? "");
    }

    private static Command Disconnect(CliApp app, Func<CliContext, LinkManager> managerFor)
    {
        var name = NameArgument(Msg.T("The link to bring down"));
        var force = new Option<bool>("--force") { Description = Msg.T("Send SIGKILL if pppd has not gone 10 s after SIGTERM") };
        var command = new Command("disconnect", Msg.T("Stop a link: SIGTERM to its pppd only (stops persist redials too)"))
        {
            name,
            force,
        };
        command.SetGuardedAction(app, async (parse, ctx, cancellationToken) =>
        {
            ctx.RequireLiveSystem("disconnect");
            var outcome = await managerFor(ctx).DisconnectAsync(parse.GetValue(name)!, parse.GetValue(force), null,
                e => PrintProgress(ctx.Json ? ctx.Error : ctx.Out, e), cancellationToken);
            if (ctx.Json) ctx.Out.WriteLine(JsonSerializer.Serialize(outcome, LinkStatusJsonContext.Default.DisconnectOutcome));
            else ctx.Out.WriteLine(outcome.Message);
            return outcome.Stopped ? ExitCodes.Ok : ExitCodes.Failure;
        }, Guard);
        return command;
    }

    private static Command StatusVerb(CliApp app, Func<CliContext, LinkManager> managerFor)
    {
        var name = new Argument<string?>("NAME") { Description = Msg.T("Only this link"), Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch") { Description = Msg.T("Refresh on every change of a link (every second while one is up) until Ctrl-C") };
        var command = new Command("status", Msg.T("Show running links: interface, addresses, MTU, traffic, routes, DNS, pid"))
        {
            name,
            watch,
        };
        command.SetGuardedAction(app, async (parse, ctx, cancellationToken) =>
        {
            var only = parse.GetValue(name);
            var manager = managerFor(ctx);
            if (parse.GetValue(watch)) return await WatchAsync(ctx, manager, only, cancellationToken);
            var sample = await manager.StatusAsync(only, null, cancellationToken);
            PrintSample(ctx, sample.Links, only, watch: false);
            return ExitCodeOf(sample.Links, only);
        }, Guard);
        return command;
    }

    private static int ExitCodeOf(IReadOnlyList<LinkStatus> links, string? only) =>
        only is not null && links.All(l => l.State != LinkState.Up) ? ExitCodes.LinkDown : ExitCodes.Ok;

    /// <summary>
    /// Prints the links as the TUI shows them, from the same <see cref="LinkWatch"/>: a link pppd
    /// is dialing reads connecting with what it waits for, one going down reads disconnecting.
    /// It prints whenever what the watch shows changed: on the live system the kernel's notices
    /// and the pid files wake it, and while a link is up its counters move every second; with
    /// nothing happening it sleeps.
    /// </summary>
    private static async Task<int> WatchAsync(CliContext ctx, LinkManager manager, string? only, CancellationToken cancellationToken)
    {
        using var links = new LinkWatch(manager);
        Exception? failure = null;
        using var changed = new SemaphoreSlim(0, 1);
        void Wake()
        {
            if (changed.CurrentCount == 0)
            {
                try { changed.Release(); }
                catch (SemaphoreFullException) { }
            }
        }
        links.PollFailed += e =>
        {
            failure ??= e;
            Wake();
        };
        links.Changed += (_, _) => Wake();
        links.Start();
        var code = ExitCodes.Ok;
        while (true)
        {
            try
            {
                await changed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return code;
            }
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
            IReadOnlyList<LinkStatus> shown = links.Views.Where(v => only is null || v.Name == only).Select(v => v.Status).ToList();
            // A named link that is not running: the status verb's reason (the last dial, its diagnosis).
            if (only is not null && shown.Count == 0) shown = (await manager.StatusAsync(only, null, cancellationToken)).Links;
            code = ExitCodeOf(shown, only);
            PrintSample(ctx, shown, only, watch: true);
        }
    }

    private static Command Explain(CliApp app, Func<CliContext, LinkManager> managerFor)
    {
        var name = NameArgument(Msg.T("The profile whose last failure to explain"));
        var command = new Command("explain", Msg.T("Explain the last failure of a profile from its logs: cause, fix, evidence")) { name };
        command.SetGuardedAction(app, (parse, ctx, cancellationToken) =>
        {
            var link = parse.GetValue(name)!;
            var explanation = managerFor(ctx).Explain(link);
            if (explanation is null)
                return Task.FromResult(ctx.Fail(ExitCodes.NotFound,
                    Msg.F("no attempt of {0} found (no ppptui record, no logfile, nothing in the syslog)", link),
                    Msg.F("dial it once with 'ppptui connect {0}', or add 'logfile /var/log/ppp-{0}.log' to its peers file", link)));
            if (ctx.Json)
            {
                ctx.Out.WriteLine(JsonSerializer.Serialize(explanation, LinkStatusJsonContext.Default.LinkExplanation));
                return Task.FromResult(ExitCodes.Ok);
            }
            var when = explanation.When is { } t ? Msg.F(" at {0}", t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) : "";
            ctx.Out.WriteLine(Msg.F("{0}: last attempt{1}, from {2}", link, when, explanation.Source));
            if (explanation.Note is { } note) ctx.Out.WriteLine(Msg.F("  note: {0}", note));
            if (explanation.Diagnosis is { } d) WriteDiagnosis(ctx.Out, d, "  ");
            else ctx.Out.WriteLine(Msg.T("  no failure in these lines: the last attempt looks fine"));
            if (explanation.ExitStatus is { } exit) ctx.Out.WriteLine(Msg.F("  pppd exit status {0}", exit));
            ctx.Out.WriteLine(Msg.T("  log:"));
            foreach (var line in explanation.Lines.TakeLast(40)) ctx.Out.WriteLine("    " + line);
            return Task.FromResult(ExitCodes.Ok);
        }, Guard);
        return command;
    }

    internal static async Task<int> Guard(CliContext ctx, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (LinkRefusedException ex)
        {
            var code = ex.Refusal switch
            {
                LinkRefusal.InvalidName => ExitCodes.Usage,
                LinkRefusal.NeedsRoot => ExitCodes.NeedsRoot,
                _ => ExitCodes.NotFound,
            };
            return ctx.Fail(code, ex.Message, ex.Fix);
        }
        catch (OperationCanceledException)
        {
            return ctx.Fail(ExitCodes.Failure, Msg.T("interrupted"));
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ctx, ex);
        }
    }

    private static void PrintProgress(TextWriter writer, LinkEvent e, bool finalBlockFollows = false)
    {
        switch (e)
        {
            case LinkStateChanged { New: LinkState.Down } or LinkNotice when finalBlockFollows:
                break;
            case LinkStateChanged change:
                writer.WriteLine($"{change.Link}: {change.New.Describe()} - {change.Reason}");
                break;
            case LinkNotice { Diagnosis.Severity: not DiagnosisSeverity.Info } notice:
                writer.WriteLine($"{notice.Link}: " + Msg.F("warning: {0}", notice.Diagnosis.Cause));
                break;
        }
    }

    private static void PrintSample(CliContext ctx, IReadOnlyList<LinkStatus> links, string? only, bool watch)
    {
        if (watch && !ctx.Json && ctx.Out is TerminalSafeWriter { Inner: var terminal } && ReferenceEquals(terminal, Console.Out) && !Console.IsOutputRedirected)
            terminal.Write("\u001b[H\u001b[2J");
        if (ctx.Json)
        {
            var json = only is not null && links.Count == 1
                ? JsonSerializer.Serialize(links[0], Compact(watch).LinkStatus)
                : JsonSerializer.Serialize(links.ToList(), Compact(watch).ListLinkStatus);
            ctx.Out.WriteLine(json);
            return;
        }
        if (links.Count == 0) ctx.Out.WriteLine(Msg.T("no links running"));
        foreach (var status in links) WriteStatus(ctx.Out, status);
        if (watch) ctx.Out.WriteLine(Msg.F("-- {0}, on every change; Ctrl-C to stop", DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)));
    }

    private static LinkStatusJsonContext Compact(bool watch) =>
        !watch ? LinkStatusJsonContext.Default : CompactContext.Value;

    private static readonly Lazy<LinkStatusJsonContext> CompactContext = new(() =>
        new LinkStatusJsonContext(new JsonSerializerOptions(LinkStatusJsonContext.Default.Options) { WriteIndented = false }));

    /// <summary>The plain-text status block of one link.</summary>
    internal static void WriteStatus(TextWriter w, LinkStatus s)
    {
        var head = new List<string> { s.Name, s.State.Describe() };
        if (s.Interface is not null) head.Add(s.Interface);
        if (s.Pid is not null) head.Add($"pid {s.Pid}");
        if (s.UptimeSeconds is { } up && s.State == LinkState.Up) head.Add(Msg.F("up {0}", Duration(up)));
        w.WriteLine(string.Join("  ", head));
        if (s.Reason is not null) w.WriteLine(Row(Msg.T("reason")) + s.Reason);
        if (s.LocalAddress is not null)
            w.WriteLine(Row(Msg.T("address")) + s.LocalAddress + (s.PeerAddress is null ? "" : Msg.F(" peer {0}", s.PeerAddress)));
        if (s.Mtu is not null) w.WriteLine(Row("mtu") + s.Mtu + (s.MtuNote is null ? "" : $" ({s.MtuNote})"));
        if (s.RxBytes is not null)
            w.WriteLine(Row(Msg.T("traffic")) + $"rx {Bytes(s.RxBytes.Value)}{Rate(s.RxRate)}  tx {Bytes(s.TxBytes ?? 0)}{Rate(s.TxRate)}");
        if (s.State == LinkState.Up)
        {
            for (var i = 0; i < s.Routes.Count; i++) w.WriteLine((i == 0 ? Row(Msg.T("routes")) : Row("")) + s.Routes[i]);
            if (s.Routes.Count == 0) w.WriteLine(Row(Msg.T("routes")) + Msg.T("none through this link"));
            w.WriteLine(Row(Msg.T("default")) + (s.OwnsDefaultRoute ? Msg.T("this link") : s.DefaultRouteDevice is null ? Msg.T("no default route") : Msg.F("via {0}", s.DefaultRouteDevice)));
            var manager = s.DnsManager switch
            {
                DnsManager.SystemdResolved => "systemd-resolved",
                DnsManager.Resolvconf => "resolvconf",
                _ => "resolv.conf",
            };
            var peer = s.PeerDns.Count == 0 ? "" :
                Msg.F("; peer offered {0}", string.Join(' ', s.PeerDns)) + (s.PeerDnsApplied == true ? Msg.T(", in effect") : Msg.T(", not in effect"));
            w.WriteLine(Row("dns") + (s.Dns.Count == 0 ? Msg.T("none") : string.Join(' ', s.Dns)) + $" ({manager}{peer})");
            if (s.DnsNote is { } why) w.WriteLine(Row("") + why);
            if (s.Ipv6 is { } v6)
            {
                w.WriteLine(Row("ipv6") + v6.Summary);
                foreach (var a in v6.Addresses) w.WriteLine(Row("") + a);
                for (var i = 0; i < v6.Routes.Count; i++) w.WriteLine(Row(i == 0 ? "routes6" : "") + v6.Routes[i]);
            }
            if (s.Keepalive is { } keepalive) w.WriteLine(Row(Msg.T("keepalive")) + keepalive);
            if (s.KeepaliveRoundTrip is { } rtt) w.WriteLine(Row("") + rtt.Describe());
        }
        if (s.Command is not null) w.WriteLine(Row(Msg.T("command")) + s.Command);
        foreach (var notice in s.Notices) WriteDiagnosis(w, notice, "  ");
        if (s.Diagnosis is { } d) WriteDiagnosis(w, d, "  ");
    }

    // A label column of 9 display columns: a Chinese label is two columns a character.
    private static string Row(string label) => "  " + Tui.Text.Columns.Fit(label, 9) + " ";

    private static void WriteDiagnosis(TextWriter w, Diagnosis d, string indent)
    {
        var label = d.Severity switch
        {
            DiagnosisSeverity.Failure => Msg.T("cause"),
            DiagnosisSeverity.Warning => Msg.T("warning"),
            _ => Msg.T("note"),
        };
        // Padded by display columns: a Chinese label is two columns a character.
        w.WriteLine(indent + Tui.Text.Columns.Fit(label, 9) + " " + d.Cause);
        w.WriteLine(indent + Tui.Text.Columns.Fit(Msg.T("fix"), 9) + " " + d.Fix);
        if (d.Evidence is not null) w.WriteLine(indent + Tui.Text.Columns.Fit(Msg.T("evidence"), 9) + " " + d.Evidence);
    }

    private static string Duration(long seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalDays >= 1 ? $"{(int)t.TotalDays}d{t.Hours:00}h{t.Minutes:00}m"
            : t.TotalHours >= 1 ? $"{t.Hours}h{t.Minutes:00}m{t.Seconds:00}s"
            : $"{t.Minutes}m{t.Seconds:00}s";
    }

    private static string Bytes(double bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        var unit = 0;
        while (bytes >= 1000 && unit < units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }
        return unit == 0 ? $"{bytes:0} B" : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[unit]}");
    }

    private static string Rate(double? rate) => rate is { } r ? $" ({Bytes(r)}/s)" : "";
}
