using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace PppTui.Core.Logs;

/// <summary>The newest lines of a source and where following resumes.</summary>
/// <param name="Lines">Oldest first.</param>
/// <param name="ResumeOffset">Byte offset in the current file just past the last complete line read.</param>
/// <param name="Identity">Which file that offset belongs to (rotation check for the follower).</param>
public sealed record LogBacklog(IReadOnlyList<LogLine> Lines, long ResumeOffset, FileIdentity? Identity);

/// <summary>
/// A text log file (syslog, messages, a pppd logfile, our own log) with its rotated
/// predecessors (<c>syslog.1</c>, <c>syslog.2.gz</c>, <c>messages-20261124</c>, ...).
/// </summary>
public sealed class LogFileSource
{
    /// <param name="path">The current file.</param>
    /// <param name="format">Syslog prefix or bare pppd logfile lines.</param>
    /// <param name="sourceName">The <see cref="LogLine.Source"/> of its lines (defaults to the path).</param>
    /// <param name="link">The link every line belongs to, for a profile's own logfile.</param>
    /// <param name="bareProgram">The program of bare lines.</param>
    public LogFileSource(string path, LogLineFormat format = LogLineFormat.Syslog, string? sourceName = null,
        string? link = null, string bareProgram = "pppd")
    {
        Path = path;
        Format = format;
        SourceName = sourceName ?? path;
        Link = link;
        BareProgram = bareProgram;
    }

    public string Path { get; }
    public LogLineFormat Format { get; }
    public string SourceName { get; }
    public string? Link { get; }
    public string BareProgram { get; }

    /// <summary>Rotated predecessors that exist, newest first (by modification time).</summary>
    public IReadOnlyList<string> RotatedFiles()
    {
        var dir = System.IO.Path.GetDirectoryName(Path);
        var name = System.IO.Path.GetFileName(Path);
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir)) return [];
        try
        {
            return Directory.EnumerateFiles(dir, name + "*")
                .Where(f => IsRotation(name, System.IO.Path.GetFileName(f)))
                .Select(f => new FileInfo(f))
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .ThenBy(f => f.Name.Length)
                .Select(f => f.FullName)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // syslog.1, syslog.2.gz, messages-20261124, messages-20261124.gz
    internal static bool IsRotation(string name, string candidate)
    {
        if (candidate.Length <= name.Length + 1 || !candidate.StartsWith(name, StringComparison.Ordinal)) return false;
        var rest = candidate.AsSpan(name.Length + 1);
        var sep = candidate[name.Length];
        if (sep != '.' && sep != '-') return false;
        if (rest.EndsWith(".gz", StringComparison.Ordinal)) rest = rest[..^3];
        if (rest.Length == 0) return false;
        foreach (var c in rest)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    /// <summary>
    /// The newest <paramref name="count"/> lines that pass the filter: a backward scan from the
    /// end of the current file, then (when <paramref name="includeRotated"/> and still short)
    /// its rotated predecessors. Reads no more of a file than it needs.
    /// </summary>
    /// <param name="maxScanChars">Stop scanning the current file after about this much text even when
    /// short of <paramref name="count"/> (a caller that only wants recent lines of a big file); null for no limit.</param>
    public LogBacklog ReadNewest(int count, LogFilter filter, LinkTracker? tracker = null, bool includeRotated = true,
        bool leaveUnfinishedLine = false, CancellationToken cancellationToken = default, long? maxScanChars = null)
    {
        var newestFirst = new List<LogLine>(Math.Min(count, 4096));
        long resume = 0;
        FileIdentity? identity = null;
        if (count <= 0) return new LogBacklog([], EndOffset(out identity, leaveUnfinishedLine), identity);

        if (File.Exists(Path))
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            identity = UnixFile.Identify(handle);
            var length = RandomAccess.GetLength(handle);
            resume = leaveUnfinishedLine ? BackwardBlockReader.EndOfLastCompleteLine(handle, length) : length;
            CollectBackward(handle, resume, count, filter, tracker, File.GetLastWriteTime(Path), newestFirst, cancellationToken, maxScanChars);
        }
        if (includeRotated)
        {
            foreach (var older in RotatedFiles())
            {
                if (newestFirst.Count >= count) break;
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (older.EndsWith(".gz", StringComparison.Ordinal)) CollectFromCompressed(older, count - newestFirst.Count, filter, tracker, newestFirst, cancellationToken);
                    else
                    {
                        using var h = File.OpenHandle(older, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        CollectBackward(h, RandomAccess.GetLength(h), count, filter, tracker, File.GetLastWriteTime(older), newestFirst, cancellationToken);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // An unreadable or corrupt old rotation must not hide the newer lines already found.
                }
            }
        }
        newestFirst.Reverse();
        return new LogBacklog(newestFirst, resume, identity);
    }

    /// <summary>
    /// Every line that passes the filter, oldest first, streamed with bounded memory: rotated
    /// files (oldest first, .gz decompressed on the fly) when <paramref name="includeRotated"/>,
    /// then the current file. <see cref="LastResumeOffset"/> then tells where a follower resumes.
    /// </summary>
    public IEnumerable<LogLine> ReadAll(LogFilter filter, LinkTracker? tracker = null, bool includeRotated = false,
        bool leaveUnfinishedLine = false, CancellationToken cancellationToken = default)
    {
        var batch = new List<LogLine>();
        if (includeRotated)
        {
            foreach (var older in RotatedFiles().Reverse())
            {
                Stream stream;
                try
                {
                    stream = OpenForward(older);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                using (stream)
                    foreach (var line in Forward(stream, 0, filter, tracker, File.GetLastWriteTime(older), true, batch, null, cancellationToken))
                        yield return line;
            }
        }
        if (!File.Exists(Path)) yield break;
        using var current = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0, Options = FileOptions.SequentialScan,
        });
        LastIdentity = UnixFile.Identify(current.SafeFileHandle);
        foreach (var line in Forward(current, 0, filter, tracker, File.GetLastWriteTime(Path), !leaveUnfinishedLine, batch,
                     offset => LastResumeOffset = offset, cancellationToken))
            yield return line;
    }

    /// <summary>After <see cref="ReadAll"/>: the offset just past the last line read from the current file.</summary>
    public long LastResumeOffset { get; private set; }

    /// <summary>After <see cref="ReadAll"/>: the identity of the current file read.</summary>
    public FileIdentity? LastIdentity { get; private set; }

    internal SyslogLineParser CreateParser(DateTimeOffset reference) =>
        new(SourceName, Format, reference, bareProgram: BareProgram, link: Link);

    private long EndOffset(out FileIdentity? identity, bool leaveUnfinishedLine)
    {
        identity = null;
        if (!File.Exists(Path)) return 0;
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        identity = UnixFile.Identify(handle);
        var length = RandomAccess.GetLength(handle);
        return leaveUnfinishedLine ? BackwardBlockReader.EndOfLastCompleteLine(handle, length) : length;
    }

    private void CollectBackward(SafeFileHandle handle, long end, int count, LogFilter filter, LinkTracker? tracker,
        DateTime modified, List<LogLine> newestFirst, CancellationToken cancellationToken, long? maxScanChars = null)
    {
        var matcher = new BlockMatcher(filter, CreateParser(modified), tracker);
        var matches = new List<LogLine>();
        long scanned = 0;
        foreach (var block in BackwardBlockReader.Read(handle, end))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (maxScanChars is { } limit && scanned >= limit) return;
            scanned += block.Length;
            matches.Clear();
            matcher.Match(block, matches);
            for (int i = matches.Count - 1; i >= 0 && newestFirst.Count < count; i--) newestFirst.Add(matches[i]);
            if (newestFirst.Count >= count) return;
        }
    }

    private void CollectFromCompressed(string path, int wanted, LogFilter filter, LinkTracker? tracker,
        List<LogLine> newestFirst, CancellationToken cancellationToken)
    {
        // gzip cannot be read backward: stream it forward and keep only the newest `wanted`.
        var ring = new Queue<LogLine>(Math.Min(wanted, 4096));
        using var stream = OpenForward(path);
        foreach (var line in Forward(stream, 0, filter, tracker, File.GetLastWriteTime(path), true, [], null, cancellationToken))
        {
            if (ring.Count == wanted) ring.Dequeue();
            ring.Enqueue(line);
        }
        newestFirst.AddRange(ring.Reverse());
    }

    private static Stream OpenForward(string path)
    {
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private IEnumerable<LogLine> Forward(Stream stream, long start, LogFilter filter, LinkTracker? tracker, DateTime modified,
        bool flushPartial, List<LogLine> batch, Action<long>? progress, CancellationToken cancellationToken)
    {
        var matcher = new BlockMatcher(filter, CreateParser(modified), tracker);
        using var reader = new ForwardBlockReader(stream, start);
        var block = new TextBlock();
        while (reader.Next(block, flushPartial))
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            matcher.Match(block, batch);
            progress?.Invoke(reader.Offset);
            foreach (var line in batch) yield return line;
        }
        progress?.Invoke(reader.Offset);
    }
}
