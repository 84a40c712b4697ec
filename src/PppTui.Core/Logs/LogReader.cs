using System.Threading.Channels;

namespace PppTui.Core.Logs;

/// <summary>What the log reader reports, as a closed set consumed by pattern matching.</summary>
public abstract record LogEvent;

/// <summary>A line that passed the filter.</summary>
public sealed record LogLineRead(LogLine Line) : LogEvent;

/// <summary>The backlog is complete; with follow, what comes next is live.</summary>
public sealed record LogBacklogDone(int Lines, LogSourcePlan Source) : LogEvent;

/// <summary>Something the user should know that is not a log line (which source, waiting for a file).</summary>
public sealed record LogNotice(string Message) : LogEvent;

/// <summary>What to read.</summary>
public sealed record LogRequest
{
    /// <summary>"auto", "journal" or a file path.</summary>
    public string Source { get; init; } = "auto";

    public LogFilter Filter { get; init; } = LogFilter.All;

    /// <summary>Only the newest N lines (a backward scan); null for all (a forward stream with bounded memory).</summary>
    public int? Lines { get; init; }

    /// <summary>Keep reading new lines as they are written.</summary>
    public bool Follow { get; init; }

    /// <summary>Show our own log (program "ppptui") in the same stream, for auto and journal sources.</summary>
    public bool IncludeOwnLog { get; init; } = true;

    /// <summary>Assigns lines to links (for <see cref="LogFilter.Link"/>).</summary>
    public LinkTracker? Links { get; init; }

    /// <summary>
    /// A profile's own pppd logfile (already resolved under --root). With source "auto" it is
    /// read instead of the system log: it holds only that link's lines, every session of it.
    /// </summary>
    public string? ProfileLogFile { get; init; }

    /// <summary>The link the profile logfile belongs to.</summary>
    public string? ProfileName { get; init; }

    public FollowOptions? FollowOptions { get; init; }
}

/// <summary>
/// The log side of the core: chooses the source, reads the backlog (newest N by a backward
/// scan, or everything as a stream), then follows; merges our own log into the stream by time.
/// The CLI prints its events; the TUI posts them to a <see cref="LogModel"/>.
/// </summary>
public sealed class LogReader
{
    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly LogSourceDetector _detector;
    private readonly string? _stateHome;

    public LogReader(SystemPaths paths, ICommandRunner runner, LogSourceDetector? detector = null, string? stateHome = null)
    {
        _paths = paths;
        _runner = runner;
        _detector = detector ?? new LogSourceDetector(paths);
        _stateHome = stateHome;
    }

    /// <summary>Which source a request will read, or why none can be read.</summary>
    public LogSourceDecision Decide(LogRequest request)
    {
        if (request.ProfileLogFile is { } logfile && request.Source == "auto")
            return _detector.ForFile(logfile, LogLineFormat.Bare, request.Follow, explicitRequest: false);
        return _detector.Decide(request.Source, request.Follow);
    }

    /// <summary>Reads as requested. Throws <see cref="LogSourceException"/> when no source can be read.</summary>
    public async IAsyncEnumerable<LogEvent> ReadAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var decision = Decide(request);
        if (decision.Plan is not { } plan) throw new LogSourceException(decision.Problem!, decision.NotFound);
        if (plan.Kind == LogSourceKind.File && !File.Exists(plan.FilePath)) yield return new LogNotice(plan.Why);

        var filter = request.Filter;
        var tracker = request.Links;
        var isProfileLog = request.ProfileLogFile is not null && request.Source == "auto";
        FileSource? primaryFile = plan.Kind == LogSourceKind.File
            ? new FileSource(new LogFileSource(plan.FilePath!, plan.Format, plan.FilePath, isProfileLog ? request.ProfileName : null))
            : null;
        var journal = plan.Kind == LogSourceKind.Journal
            ? new JournalSource(_runner, plan.JournalDirectory, filter.Programs)
            : null;
        var ownLogs = request.IncludeOwnLog && (request.Source is "auto" or "journal") && !isProfileLog
            ? AppLog.Candidates(_paths, _stateHome).Distinct().Where(File.Exists)
                .Select(p => new FileSource(new LogFileSource(p, LogLineFormat.Syslog, "ppptui"))).ToList()
            : [];
        string? cursor = null;
        int count = 0;

        if (request.Lines is { } n)
        {
            IReadOnlyList<LogLine> lines;
            if (journal is not null)
            {
                (lines, cursor) = await journal.ReadNewestAsync(n, filter, tracker, cancellationToken).ConfigureAwait(false);
            }
            else lines = primaryFile!.Newest(n, filter, tracker, request.Follow, cancellationToken);
            foreach (var own in ownLogs)
                lines = MergeNewest(lines, own.Newest(n, filter, tracker, request.Follow, cancellationToken), n);
            foreach (var line in lines)
            {
                count++;
                yield return new LogLineRead(line);
            }
        }
        else
        {
            IAsyncEnumerable<LogLine> all = journal is not null
                ? journal.ReadAllAsync(filter, tracker, c => cursor = c ?? cursor, cancellationToken)
                : primaryFile!.All(filter, tracker, request.Follow, cancellationToken).ToAsyncEnumerable();
            foreach (var own in ownLogs)
                all = MergeByTime(all, own.All(filter, tracker, request.Follow, cancellationToken).ToAsyncEnumerable(), cancellationToken);
            await foreach (var line in all.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                count++;
                yield return new LogLineRead(line);
            }
        }
        yield return new LogBacklogDone(count, plan);
        if (!request.Follow) yield break;

        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(10_000) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = new List<Task>();
        if (journal is not null) pumps.Add(Pump(journal.FollowAsync(cursor, filter, tracker, stop.Token), channel.Writer, stop.Token));
        if (primaryFile is not null) pumps.Add(Pump(primaryFile.Follow(filter, tracker, request.FollowOptions, stop.Token), channel.Writer, stop.Token));
        foreach (var own in ownLogs) pumps.Add(Pump(own.Follow(filter, tracker, request.FollowOptions, stop.Token), channel.Writer, stop.Token));
        var allDone = Task.WhenAll(pumps).ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);

        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (!more) break;
                while (channel.Reader.TryRead(out var line)) yield return new LogLineRead(line);
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await allDone.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task Pump(IAsyncEnumerable<LogLine> lines, ChannelWriter<LogLine> writer, CancellationToken token)
    {
        try
        {
            await foreach (var line in lines.WithCancellation(token).ConfigureAwait(false))
                await writer.WriteAsync(line, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private static IReadOnlyList<LogLine> MergeNewest(IReadOnlyList<LogLine> a, IReadOnlyList<LogLine> b, int n)
    {
        if (b.Count == 0) return a;
        if (a.Count == 0) return b.Count <= n ? b : b.Skip(b.Count - n).ToList();
        var merged = new List<LogLine>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j >= b.Count || (i < a.Count && Time(a[i]) <= Time(b[j]))) merged.Add(a[i++]);
            else merged.Add(b[j++]);
        }
        return merged.Count <= n ? merged : merged.GetRange(merged.Count - n, n);
    }

    private static async IAsyncEnumerable<LogLine> MergeByTime(IAsyncEnumerable<LogLine> a, IAsyncEnumerable<LogLine> b,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var ea = a.GetAsyncEnumerator(cancellationToken);
        await using var eb = b.GetAsyncEnumerator(cancellationToken);
        var hasA = await ea.MoveNextAsync().ConfigureAwait(false);
        var hasB = await eb.MoveNextAsync().ConfigureAwait(false);
        while (hasA || hasB)
        {
            if (!hasB || (hasA && Time(ea.Current) <= Time(eb.Current)))
            {
                yield return ea.Current;
                hasA = await ea.MoveNextAsync().ConfigureAwait(false);
            }
            else
            {
                yield return eb.Current;
                hasB = await eb.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    private static DateTimeOffset Time(LogLine line) => line.Timestamp ?? DateTimeOffset.MinValue;

    /// <summary>A file source and where its follower resumes after the backlog.</summary>
    private sealed class FileSource(LogFileSource file)
    {
        private long _resume;
        private FileIdentity? _identity;

        public IReadOnlyList<LogLine> Newest(int n, LogFilter filter, LinkTracker? tracker, bool follow, CancellationToken token)
        {
            var backlog = file.ReadNewest(n, filter, tracker, includeRotated: true, leaveUnfinishedLine: follow, token);
            _resume = backlog.ResumeOffset;
            _identity = backlog.Identity;
            return backlog.Lines;
        }

        public IEnumerable<LogLine> All(LogFilter filter, LinkTracker? tracker, bool follow, CancellationToken token)
        {
            foreach (var line in file.ReadAll(filter, tracker, includeRotated: false, leaveUnfinishedLine: follow, token))
                yield return line;
            _resume = file.LastResumeOffset;
            _identity = file.LastIdentity;
        }

        public IAsyncEnumerable<LogLine> Follow(LogFilter filter, LinkTracker? tracker, FollowOptions? options, CancellationToken token) =>
            new FileFollower(file, filter, tracker, options).FollowAsync(_resume, _identity, token);
    }
}
