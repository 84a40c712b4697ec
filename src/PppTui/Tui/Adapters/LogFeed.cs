namespace PppTui.Tui.Adapters;

/// <summary>
/// Feeds the log pane: the source the core detects (the journal, else syslog or messages), the
/// newest <see cref="Backlog"/> PPP lines first, then every new one as it is written. A line that
/// carries a diagnosis is followed by the diagnosis in words (cause and fix), marked. When no log
/// can be read the reason goes to the error log, and the lines of dials started on this screen
/// are shown instead, so a failed connect still has its evidence on screen.
/// </summary>
public sealed class LogFeed : IDisposable
{
    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly LogModel _model;
    private readonly ErrorLog _errors;
    private readonly LogSourceDetector? _detector;
    private readonly LinkStatusAdapter? _links;
    private CancellationTokenSource? _stop;
    private volatile bool _sourceFailed;

    public LogFeed(SystemPaths paths, ICommandRunner runner, LogModel model, ErrorLog errors,
        LinkStatusAdapter? links = null, LogSourceDetector? detector = null)
    {
        _paths = paths;
        _runner = runner;
        _model = model;
        _errors = errors;
        _links = links;
        _detector = detector;
        if (links is not null)
        {
            model.Links = new LinkTracker(isLinkProcess: links.PidBelongsTo);
            links.LinkEvent += OnLinkEvent;
        }
    }

    /// <summary>How many of the newest lines to show at start.</summary>
    public int Backlog { get; init; } = 500;

    public FollowOptions? FollowOptions { get; init; }

    /// <summary>Finishes when the source ends or the feed stops; a test waits on it.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        if (_stop is not null) return;
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        Running = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    public void Dispose()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = new LogReader(_paths, _runner, _detector);
        var request = new LogRequest
        {
            Source = "auto",
            Lines = Backlog,
            Follow = true,
            Filter = new LogFilter { Programs = LogFilter.DefaultPrograms },
            FollowOptions = FollowOptions,
        };
        try
        {
            await foreach (var e in reader.ReadAsync(request, cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case LogLineRead { Line: var line }:
                        Post(line);
                        break;
                    case LogBacklogDone done:
                        _model.SourceName = done.Source.Kind == LogSourceKind.Journal ? "journal" : done.Source.FilePath ?? done.Source.Description;
                        break;
                    case LogNotice notice:
                        _model.Post(Note(DateTimeOffset.Now, "ppptui", notice.Message, LogSeverity.Info));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (LogSourceException e)
        {
            // The core's message names each place it looked and why it could not read it.
            Fail(e.Message, Msg.T("Lines of links started here are shown meanwhile. If the log lives elsewhere, 'ppptui logs --source PATH' reads it; if it needs rights, run ppptui as root or add your user to adm or systemd-journal."));
        }
        catch (Exception e)
        {
            var error = ErrorLog.Describe(e, Msg.T("Read the log"));
            Fail(error.Cause, error.Fix);
        }
    }

    private void Fail(string cause, string fix)
    {
        _sourceFailed = true;
        _model.SourceName = Msg.T("dials only");
        _errors.Report(new UserError(Msg.T("Read the pppd log"), cause, fix));
    }

    private void Post(LogLine line)
    {
        // Bare pppd logfile lines carry no time: show when they arrived.
        if (line.Timestamp is null) line = line with { Timestamp = DateTimeOffset.Now };
        _model.Post(line);
        if (line.IsMarked && line.Diagnosis is { } d)
            _model.Post(line with { Message = $"{d.Cause} Fix: {d.Fix}", Kind = LogLineKind.Diagnosis });
    }

    private void OnLinkEvent(LinkEvent e)
    {
        // With a readable log these lines arrive from it; without one they are all there is.
        if (!_sourceFailed) return;
        switch (e)
        {
            case LinkLogLine line:
                _model.Post(Note(line.At, line.Link, line.Text, LogSeverity.Info) with { Link = line.Link });
                break;
            case LinkDown { Diagnosis: { } d } down:
                _model.Post(Note(down.At, down.Link, $"{d.Cause} Fix: {d.Fix}", LogSeverity.Error) with { Link = down.Link, Kind = LogLineKind.Diagnosis });
                break;
        }
    }

    // A line that was not read from a log: labelled by its source alone (no program, no pid).
    private static LogLine Note(DateTimeOffset at, string source, string message, LogSeverity severity) =>
        new(at, null, "", null, severity, message, source, message);
}
