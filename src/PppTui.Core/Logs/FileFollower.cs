namespace PppTui.Core.Logs;

/// <summary>How a follower waits for new data.</summary>
/// <param name="PollInterval">How often to look without change notifications (no watcher, or it could not be set up).</param>
/// <param name="UseWatcher">Wake on inotify change notifications (low latency); polling still runs, every <see cref="WatchedPollInterval"/>.</param>
/// <param name="RotationGrace">How long the old file is still read after a rotation, for lines its writer adds late.</param>
public sealed record FollowOptions(TimeSpan PollInterval, bool UseWatcher, TimeSpan RotationGrace)
{
    public static readonly FollowOptions Default = new(TimeSpan.FromMilliseconds(250), true, TimeSpan.FromSeconds(2));

    /// <summary>
    /// How often to look while the watcher runs: only a safety net for a change inotify does not
    /// report (a network mount), so an idle log costs a wake-up every few seconds, not four a second.
    /// </summary>
    public TimeSpan WatchedPollInterval { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Follows a text log like <c>tail -F</c>, without losing lines: rotation (the path now names a
/// new file: the old one is read to its end, and for a grace period after, then the new one
/// from its start), truncation (copytruncate: read again from the start) and a file that
/// appears later (read from its start). Waits on inotify through <see cref="FileSystemWatcher"/>
/// and polls as a fallback.
/// </summary>
public sealed class FileFollower
{
    private readonly LogFileSource _source;
    private readonly LogFilter _filter;
    private readonly LinkTracker? _tracker;
    private readonly FollowOptions _options;
    private BlockMatcher? _pollMatcher;

    public FileFollower(LogFileSource source, LogFilter filter, LinkTracker? tracker = null, FollowOptions? options = null)
    {
        _source = source;
        _filter = filter;
        _tracker = tracker;
        _options = options ?? FollowOptions.Default;
    }

    /// <summary>A follower of a pppd <c>logfile</c> (bare lines, every one) that <see cref="ReadNew"/> reads from <paramref name="offset"/>.</summary>
    public static FileFollower ForPppdLogFile(string path, long offset) =>
        new(new LogFileSource(path, LogLineFormat.Bare), LogFilter.All) { Offset = offset };

    /// <summary>The length of a file now (where following it from now on starts); 0 when it cannot be read.</summary>
    public static long LengthOf(string path)
    {
        try
        {
            return File.Exists(path) ? new FileInfo(path).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Where <see cref="ReadNew"/> resumes: just past the last complete line it read.</summary>
    public long Offset { get; set; }

    /// <summary>
    /// The lines that pass the filter written since <see cref="Offset"/>, read now without waiting,
    /// for a caller that polls on its own clock (the dialer reading pppd's logfile). A half-written
    /// line waits for its end; a file shorter than the offset was truncated or replaced and is read
    /// from its start; a missing file has no new lines.
    /// </summary>
    public IReadOnlyList<LogLine> ReadNew()
    {
        var batch = new List<LogLine>();
        using var file = TryOpen(_source.Path, Offset, null);
        if (file is null) return batch;
        _pollMatcher ??= new BlockMatcher(_filter, _source.CreateParser(DateTimeOffset.Now), _tracker);
        Drain(file, _pollMatcher, new TextBlock(), batch, flush: false);
        Offset = file.Reader.Offset;
        return batch;
    }

    /// <summary>
    /// New lines that pass the filter, as they are written.
    /// </summary>
    /// <param name="startOffset">Where to resume in the current file (from a backlog); ignored when
    /// <paramref name="startIdentity"/> says the file at the path is another one by now.</param>
    /// <param name="startIdentity">The file the offset belongs to; null to trust the offset.</param>
    /// <param name="cancellationToken">Stops following.</param>
    public async IAsyncEnumerable<LogLine> FollowAsync(long startOffset, FileIdentity? startIdentity,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = _source.Path;
        using var wake = new SemaphoreSlim(0);
        using var watcher = _options.UseWatcher ? TryWatch(path, wake) : null;
        var parser = _source.CreateParser(DateTimeOffset.Now);
        var matcher = new BlockMatcher(_filter, parser, _tracker);
        var block = new TextBlock();
        var batch = new List<LogLine>();

        Opened? current = null;
        Opened? previous = null;
        DateTime previousUntil = default;
        bool first = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (current is null && first && startIdentity is { } expected && UnixFile.Identify(path) is { } atStart
                    && (atStart.Inode != expected.Inode || atStart.Device != expected.Device))
                {
                    // Rotated between the backlog and now: finish the old file (found by identity among
                    // the rotated ones) from where the backlog stopped, then take the new one from its start.
                    var old = _source.RotatedFiles().FirstOrDefault(f => UnixFile.Identify(f) is { } id && id.Inode == expected.Inode && id.Device == expected.Device);
                    if (old is not null && TryOpen(old, startOffset, null) is { } oldFile)
                    {
                        previous = oldFile;
                        previousUntil = DateTime.UtcNow + _options.RotationGrace;
                    }
                    startOffset = 0;
                    startIdentity = null;
                }
                if (current is null)
                {
                    current = TryOpen(path, first ? startOffset : 0, first ? startIdentity : null);
                    if (current is not null && !first) EmitNotice(batch, $"-- {path} appeared; following it --");
                    if (current is not null) first = false;
                }

                if (previous is not null)
                {
                    Drain(previous, matcher, block, batch, flush: DateTime.UtcNow >= previousUntil);
                    if (DateTime.UtcNow >= previousUntil)
                    {
                        previous.Dispose();
                        previous = null;
                    }
                }
                if (current is not null) Drain(current, matcher, block, batch, flush: false);
                foreach (var line in batch) yield return line;
                batch.Clear();

                if (current is not null)
                {
                    var atPath = UnixFile.Identify(path);
                    var own = UnixFile.Identify(current.Stream.SafeFileHandle);
                    if (atPath is { } p && own is { } o && (p.Inode != o.Inode || p.Device != o.Device))
                    {
                        // Rotated: finish the old file (and keep an eye on it for late writes), then start the new one.
                        Drain(current, matcher, block, batch, flush: false);
                        previous?.Dispose();
                        previous = current;
                        previousUntil = DateTime.UtcNow + _options.RotationGrace;
                        current = TryOpen(path, 0, null);
                        EmitNotice(batch, $"-- {path} was rotated; following the new file --");
                        continue;
                    }
                    if (own is { } size && size.Size < current.Reader.Offset)
                    {
                        // Truncated in place (copytruncate): what was written before is gone; read from the start.
                        current.Restart();
                        EmitNotice(batch, $"-- {path} was truncated; following it from the start --");
                        continue;
                    }
                }

                try
                {
                    var interval = previous is not null ? TimeSpan.FromMilliseconds(50)
                        : watcher is not null ? Max(_options.PollInterval, _options.WatchedPollInterval) : _options.PollInterval;
                    await wake.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
        }
        finally
        {
            current?.Dispose();
            previous?.Dispose();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void EmitNotice(List<LogLine> batch, string message)
    {
        var notice = new LogLine(DateTimeOffset.Now, null, "ppptui", null, LogSeverity.Notice, message, _source.SourceName, message);
        if (_filter.Matches(notice)) batch.Add(notice);
    }

    private static void Drain(Opened file, BlockMatcher matcher, TextBlock block, List<LogLine> batch, bool flush)
    {
        try
        {
            while (file.Reader.Next(block, flush)) matcher.Match(block, batch);
        }
        catch (IOException)
        {
            // The file vanished under us (deleted on a network mount): the path check decides what next.
        }
    }

    private static Opened? TryOpen(string path, long offset, FileIdentity? expected)
    {
        try
        {
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
            });
            var id = UnixFile.Identify(stream.SafeFileHandle);
            var sameFile = expected is null || id is null || (id.Value.Inode == expected.Value.Inode && id.Value.Device == expected.Value.Device);
            // Another file than the backlog read, or one that shrank since: start from its beginning.
            if (!sameFile || offset > stream.Length) offset = 0;
            stream.Seek(offset, SeekOrigin.Begin);
            return new Opened(stream, offset);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    private static FileSystemWatcher? TryWatch(string path, SemaphoreSlim wake)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(dir)) return null;
            var watcher = new FileSystemWatcher(dir)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            void Wake(object? _, FileSystemEventArgs __)
            {
                if (wake.CurrentCount == 0) wake.Release();
            }
            watcher.Changed += Wake;
            watcher.Created += Wake;
            watcher.Deleted += Wake;
            watcher.Renamed += (s, e) => Wake(s, e);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            return null; // inotify limits reached or no such directory: polling still works
        }
    }

    private sealed class Opened(FileStream stream, long offset) : IDisposable
    {
        public FileStream Stream { get; } = stream;
        public ForwardBlockReader Reader { get; private set; } = new(stream, offset);

        public void Restart()
        {
            Reader.Dispose();
            Stream.Seek(0, SeekOrigin.Begin);
            Reader = new ForwardBlockReader(Stream, 0);
        }

        public void Dispose()
        {
            Reader.Dispose();
            Stream.Dispose();
        }
    }
}
