using System.CommandLine;
using System.Text.RegularExpressions;

namespace PppTui.Cli;

/// <summary>The <c>logs</c> verb: the pppd log from the journal or syslog, filtered, optionally followed.</summary>
public static partial class LogVerbs
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var name = new Argument<string?>("NAME")
        {
            Description = Msg.T("Only this profile's link (its pppd and helpers; its own logfile when the peers file sets one)"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var follow = new Option<bool>("--follow", "-f") { Description = Msg.T("Keep printing new lines as they are logged (Ctrl-C stops)") };
        var grep = new Option<string?>("--grep", "-g")
        {
            Description = Msg.T("Only lines matching this regex (.NET syntax, matched on the whole line like grep); searches every program, not only PPP ones"),
            HelpName = "RE",
        };
        var lines = new Option<int?>("--lines", "-n")
        {
            Description = Msg.T("Only the newest N matching lines (default: all; with --follow, the newest 10 like journalctl -f)"),
            HelpName = "N",
        };
        var source = new Option<string>("--source")
        {
            Description = Msg.T("auto (journal, else /var/log/syslog or messages), journal, or a file PATH"),
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|journal|PATH",
        };
        var invert = new Option<bool>("--invert") { Description = Msg.T("Show the lines --grep does NOT match") };
        var ignoreCase = new Option<bool>("--ignore-case", "-i") { Description = Msg.T("Match --grep without regard to case") };
        var program = new Option<string[]>("--program")
        {
            Description = Msg.T("Only these programs (pppd, pptp, chat, pppoe, pptpd, ppptui); default: all of them, or every program with --grep"),
            AllowMultipleArgumentsPerToken = true,
            HelpName = "NAME",
        };
        var priority = new Option<string?>("--priority", "-p")
        {
            Description = Msg.T("Only lines at least this severe: emerg, alert, crit, err, warning, notice, info, debug"),
            HelpName = "LEVEL",
        };
        var marked = new Option<bool>("--marked") { Description = Msg.T("Only lines that carry a diagnosis (a warning or failure)") };
        var explain = new Option<bool>("--explain") { Description = Msg.T("Print the diagnosis (cause and fix) under each marked line") };

        var logs = new Command("logs", Msg.T("Show the pppd log (journald or syslog), filtered; --follow to watch it live"));
        logs.Arguments.Add(name);
        foreach (var option in new Option[] { follow, grep, lines, source, invert, ignoreCase, program, priority, marked, explain })
            logs.Options.Add(option);

        logs.SetAction(async (parse, cancellationToken) =>
        {
            var ctx = app.ContextFor(parse);
            var lineCount = parse.GetValue(lines);
            if (lineCount is < 0) return ctx.Fail(ExitCodes.Usage, Msg.T("--lines must be 0 or more."));
            if (lineCount is null && parse.GetValue(follow)) lineCount = 10;

            Regex? pattern = null;
            if (parse.GetValue(grep) is { } re)
            {
                try
                {
                    pattern = LogFilter.CompilePattern(re, parse.GetValue(ignoreCase), forLongScan: lineCount is null);
                }
                catch (ArgumentException e)
                {
                    return ctx.Fail(ExitCodes.Usage, Msg.F("--grep '{0}' is not a valid regular expression: {1}", re, e.Message));
                }
            }
            else if (parse.GetValue(invert)) return ctx.Fail(ExitCodes.Usage, Msg.T("--invert needs --grep."));

            LogSeverity? minimum = null;
            if (parse.GetValue(priority) is { } p)
            {
                if (ParseSeverity(p) is not { } sev)
                    return ctx.Fail(ExitCodes.Usage, Msg.F("--priority '{0}' is not a level: use emerg, alert, crit, err, warning, notice, info or debug (or 0-7).", p));
                minimum = sev;
            }

            var programs = parse.GetValue(program) is { Length: > 0 } named
                ? new HashSet<string>(named, StringComparer.Ordinal)
                : pattern is null ? LogFilter.DefaultPrograms : null;
            var filter = new LogFilter
            {
                Pattern = pattern,
                Invert = parse.GetValue(invert),
                Programs = programs,
                MinimumSeverity = minimum,
                MarkedOnly = parse.GetValue(marked),
            };
            var request = new LogRequest
            {
                Source = parse.GetValue(source) ?? "auto",
                Lines = lineCount,
                Follow = parse.GetValue(follow),
            };

            if (parse.GetValue(name) is { } profile)
            {
                var link = LinkLogScope.For(ctx.Paths, profile);
                if (!link.Exists) return ctx.Fail(ExitCodes.NotFound, Msg.F("no profile or peers file named '{0}' ({1} does not exist).", profile, ctx.Paths.PeerFile(profile)));
                if (link.LogFile is not null && request.Source == "auto")
                {
                    request = request with { ProfileLogFile = link.LogFile, ProfileName = profile };
                    filter = filter with { Programs = null };
                }
                else if (link.Tracker is not null)
                {
                    request = request with { Links = link.Tracker };
                    filter = filter with { Link = profile };
                }
                else
                {
                    ctx.Notice(Msg.F("'{0}' is not running (no {1} and no `pppd call {0}` process) and its peers file sets no logfile, so its lines cannot be told apart: showing every PPP line.",
                        profile, Path.GetFileName(link.PidFile)));
                }
            }
            request = request with { Filter = filter };

            var reader = new LogReader(ctx.Paths, ctx.Runner);
            var output = new BufferedLines(ctx.Out);
            var json = ctx.Json;
            var withExplain = parse.GetValue(explain);
            var live = false;
            try
            {
                await foreach (var e in reader.ReadAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    switch (e)
                    {
                        case LogLineRead { Line: var line }:
                            if (json) output.Add(LogLineJson.Serialize(line));
                            else
                            {
                                output.Add(line.Text);
                                if (withExplain && line.IsMarked && line.Diagnosis is { } d)
                                    output.Add($"    ^ {d.Cause} Fix: {d.Fix}");
                            }
                            if (live) output.Flush();
                            break;
                        case LogBacklogDone:
                            output.Flush();
                            live = true;
                            break;
                        case LogNotice notice:
                            output.Flush();
                            ctx.Notice(notice.Message);
                            break;
                    }
                }
                output.Flush();
                return ExitCodes.Ok;
            }
            catch (LogSourceException e)
            {
                output.Flush();
                return ctx.Fail(e.NotFound && request.Source is not "auto" and not "journal" ? ExitCodes.NotFound : ExitCodes.Failure, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                TryFlush(output);
                return ExitCodes.Ok;
            }
            catch (IOException) when (output.WriteFailed)
            {
                return ExitCodes.Ok; // the reader went away (`| head`): not an error
            }
        });
        yield return logs;
    }

    private static void TryFlush(BufferedLines output)
    {
        try
        {
            output.Flush();
        }
        catch (IOException)
        {
        }
    }

    internal static LogSeverity? ParseSeverity(string text) => text.ToLowerInvariant() switch
    {
        "0" or "emerg" or "emergency" => LogSeverity.Emergency,
        "1" or "alert" => LogSeverity.Alert,
        "2" or "crit" or "critical" => LogSeverity.Critical,
        "3" or "err" or "error" => LogSeverity.Error,
        "4" or "warning" or "warn" => LogSeverity.Warning,
        "5" or "notice" => LogSeverity.Notice,
        "6" or "info" => LogSeverity.Info,
        "7" or "debug" => LogSeverity.Debug,
        _ => null,
    };

    /// <summary>Collects output lines and writes them in large chunks: one write per line is slow on a pipe.</summary>
    private sealed class BufferedLines(TextWriter writer)
    {
        private readonly StringBuilder _buffer = new();

        public bool WriteFailed { get; private set; }

        public void Add(string line)
        {
            _buffer.Append(line).Append('\n');
            if (_buffer.Length >= 64 * 1024) Flush();
        }

        public void Flush()
        {
            if (_buffer.Length == 0) return;
            try
            {
                foreach (var chunk in _buffer.GetChunks()) writer.Write(chunk.Span);
                writer.Flush();
            }
            catch (IOException)
            {
                WriteFailed = true;
                throw;
            }
            finally
            {
                _buffer.Clear();
            }
        }
    }

}
