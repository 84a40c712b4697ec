using System.Collections.Concurrent;

namespace PppTui.Core.Logs;

/// <summary>What changed in the visible lines since the last <see cref="LogModel.Changed"/>.</summary>
/// <param name="Appended">Lines added at the end.</param>
/// <param name="DroppedFromFront">Oldest visible lines dropped to make room; indexes shifted down by this much.</param>
/// <param name="Reset">The whole view changed (new filter); indexes mean nothing they meant before.</param>
public sealed record LogChange(int Appended, int DroppedFromFront, bool Reset);

/// <summary>
/// The lines a log view shows: a bounded buffer and a filter. Producers <see cref="Post"/> from
/// any thread into a queue; the viewing thread <see cref="Pump"/>s the queue into a ring buffer
/// and keeps a second ring of the lines that pass the filter, so a flood costs one redraw per
/// pump and filtering it one check per line, not a rescan.
/// </summary>
public sealed class LogModel
{
    private readonly ConcurrentQueue<LogLine> _incoming = new();
    private readonly RingBuffer<LogLine> _lines;
    // Sequence numbers (not indexes) of matching lines, so they survive the ring dropping old lines.
    private readonly RingBuffer<long> _matches;
    private long _firstSeq;
    private long _received;
    private long _bytes;
    private int _waiting;
    private string _words = "";
    private LogFilter _filter = LogFilter.All;

    /// <param name="capacity">The most lines held; older ones drop out.</param>
    /// <param name="maxBytes">The most memory the held lines' text may take (see <see cref="CostOf"/>); older lines drop out first.
    /// Lines vary from 60 characters to <see cref="LogText.MaxLineLength"/>, so a count alone bounds nothing.</param>
    public LogModel(int capacity = 20_000, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _lines = new RingBuffer<LogLine>(capacity);
        _matches = new RingBuffer<long>(capacity);
        MaxBytes = maxBytes;
    }

    /// <summary>4 MiB: at a typical 150-character syslog line about 6,000 lines, at 1,000 lines a second several seconds of a flood.</summary>
    public const long DefaultMaxBytes = 4L << 20;

    /// <summary>The most lines held.</summary>
    public int Capacity => _lines.Capacity;

    /// <summary>The most bytes the held lines may take.</summary>
    public long MaxBytes { get; }

    /// <summary>What the held lines take now, by <see cref="CostOf"/>.</summary>
    public long Bytes => _bytes;

    /// <summary>
    /// The memory one line holds: its two texts (UTF-16) and its small strings and objects, an
    /// estimate close enough to bound the buffer by.
    /// </summary>
    public static long CostOf(LogLine line) =>
        2L * (line.Text.Length + line.Message.Length + (line.Host?.Length ?? 0) + line.Program.Length) + 160;

    /// <summary>Lines received since start, shown or not.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Lines that pass the filter and are still in the buffer.</summary>
    public int Count => Filtering ? _matches.Count : _lines.Count;

    /// <summary>The i-th line that passes the filter, oldest first.</summary>
    public LogLine this[int index] =>
        Filtering ? _lines[(int)(_matches[index] - _firstSeq)] : _lines[index];

    private bool Filtering => !_filter.IsEmpty;

    /// <summary>Where the lines come from, in a word or two ("journal", "/var/log/syslog"), once known; set by whoever feeds the model.</summary>
    public string? SourceName
    {
        get;
        set
        {
            field = value;
            // The viewer's next pump re-reads it (it titles the pane).
            if (Interlocked.Exchange(ref _waiting, 1) == 0) LinesWaiting?.Invoke();
        }
    }

    /// <summary>
    /// Tells which link a line's pid belongs to, for <see cref="Link"/>. Lines carry the pid of
    /// whoever logged them, and a link's pids become known over time, so the per-link view asks
    /// at filter time rather than trusting a label fixed when the line was read.
    /// </summary>
    public LinkTracker? Links
    {
        get => _filter.Links;
        set => Refilter(_filter with { Links = value });
    }

    /// <summary>Only lines of this link (profile name); null shows every link's lines.</summary>
    public string? Link
    {
        get => _filter.Link;
        set => Refilter(_filter with { Link = value });
    }

    /// <summary>Space-separated words that must all appear (case-insensitive); a word starting with '-' must not (see <see cref="LogFilter.FromWords"/>).</summary>
    public string Filter
    {
        get => _words;
        set
        {
            var words = string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (words == _words) return;
            _words = words;
            var parsed = LogFilter.FromWords(words);
            Refilter(_filter with { Words = parsed.Words, ExcludedWords = parsed.ExcludedWords });
        }
    }

    /// <summary>Raised on the pumping thread by <see cref="Pump"/> and by changing the filter.</summary>
    public event EventHandler<LogChange>? Changed;

    /// <summary>Re-checks every line against the link (its pids changed); call on the pumping thread.</summary>
    public void RefreshLink()
    {
        if (_filter.Link is null) return;
        int before = _matches.Count;
        RebuildMatches();
        if (_matches.Count != before) Changed?.Invoke(this, new LogChange(0, 0, Reset: true));
    }

    /// <summary>
    /// Raised on the posting thread when a line arrives (or <see cref="SourceName"/> changes) and no
    /// <see cref="Pump"/> has run since the last time it was raised: once per batch, so a viewer can schedule one pump instead of
    /// polling on a timer while nothing arrives.
    /// </summary>
    public event Action? LinesWaiting;

    /// <summary>Queues a line; safe from any thread.</summary>
    public void Post(LogLine line)
    {
        _incoming.Enqueue(line);
        Interlocked.Increment(ref _received);
        if (Interlocked.Exchange(ref _waiting, 1) == 0) LinesWaiting?.Invoke();
    }

    /// <summary>Moves lines received since the last call into view; call on the viewing thread. Returns how many became visible.</summary>
    public int Pump()
    {
        // Cleared before the queue is drained: a line posted from here on raises LinesWaiting again.
        Volatile.Write(ref _waiting, 0);
        int appended = 0, dropped = 0;
        bool filtering = Filtering;
        while (_incoming.TryDequeue(out var line))
        {
            if (_lines.Count == _lines.Capacity) dropped += DropOldest(filtering);
            long seq = _firstSeq + _lines.Count;
            _lines.Add(line);
            _bytes += CostOf(line);
            if (!filtering) appended++;
            else if (_filter.Matches(line)) { _matches.Add(seq); appended++; }
            // The newest line always stays, however long.
            while (_bytes > MaxBytes && _lines.Count > 1) dropped += DropOldest(filtering);
        }
        if (appended > 0 || dropped > 0) Changed?.Invoke(this, new LogChange(appended, dropped, Reset: false));
        return appended;
    }

    private void Refilter(LogFilter filter)
    {
        if (filter == _filter) return;
        _filter = filter;
        RebuildMatches();
        Changed?.Invoke(this, new LogChange(0, 0, Reset: true));
    }

    // The oldest line leaves the buffer (and the match list); returns 1 when a visible line went.
    private int DropOldest(bool filtering)
    {
        _bytes -= CostOf(_lines[0]);
        _lines.RemoveFirst();
        int dropped = 0;
        if (!filtering) dropped = 1;
        else if (_matches.Count > 0 && _matches[0] == _firstSeq) { _matches.RemoveFirst(); dropped = 1; }
        _firstSeq++;
        return dropped;
    }

    private void RebuildMatches()
    {
        _matches.Clear();
        if (!Filtering) return;
        for (int i = 0; i < _lines.Count; i++)
            if (_filter.Matches(_lines[i])) _matches.Add(_firstSeq + i);
    }
}
