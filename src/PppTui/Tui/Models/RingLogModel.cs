using System.Collections.Concurrent;

namespace PppTui.Tui.Models;

/// <summary>
/// The log pane's model: producers <see cref="Post"/> from any thread into a queue; the UI thread
/// <see cref="Pump"/>s the queue into a ring buffer and keeps a second ring of the lines that pass
/// the filter, so filtering a flood costs one check per line, not a rescan.
/// </summary>
public sealed class RingLogModel : ILogModel
{
    private readonly ConcurrentQueue<LogLine> _incoming = new();
    private readonly RingBuffer<LogLine> _lines;
    // Sequence numbers (not indexes) of matching lines, so they survive the ring dropping old lines.
    private readonly RingBuffer<long> _matches;
    private long _firstSeq;
    private long _received;
    private LogFilter _filter = LogFilter.Parse("");
    private string? _link;

    public RingLogModel(int capacity = 20_000)
    {
        _lines = new RingBuffer<LogLine>(capacity);
        _matches = new RingBuffer<long>(capacity);
    }

    public int Capacity => _lines.Capacity;
    public long Received => Interlocked.Read(ref _received);

    public int Count => Filtering ? _matches.Count : _lines.Count;

    public LogLine this[int index] =>
        Filtering ? _lines[(int)(_matches[index] - _firstSeq)] : _lines[index];

    private bool Filtering => !_filter.IsEmpty || _link is not null;

    /// <summary>Where the lines come from, set by whoever feeds the model.</summary>
    public string? SourceName { get; set; }

    /// <summary>
    /// Tells whether a process belongs to a link (name, pid). Lines carry the pid of whoever
    /// logged them, and a link's pids become known over time (the dialing pppd, the daemon it
    /// forks), so the per-link view asks at filter time rather than trusting a label fixed when
    /// the line was read.
    /// </summary>
    public Func<string, int, bool>? PidBelongsTo { get; set; }

    public string? Link
    {
        get => _link;
        set
        {
            if (value == _link) return;
            _link = value;
            RebuildMatches();
            Changed?.Invoke(this, new LogChange(0, 0, Reset: true));
        }
    }

    /// <summary>Re-checks every line against the link (its pids changed); call on the UI thread.</summary>
    public void RefreshLink()
    {
        if (_link is null) return;
        int before = _matches.Count;
        RebuildMatches();
        if (_matches.Count != before) Changed?.Invoke(this, new LogChange(0, 0, Reset: true));
    }

    private bool Passes(LogLine line) => _filter.Matches(line) && OfLink(line);

    private bool OfLink(LogLine line) =>
        _link is not { } link || line.Link == link || (line.Pid is { } pid && PidBelongsTo?.Invoke(link, pid) == true);

    public event EventHandler<LogChange>? Changed;

    public string Filter
    {
        get => _filter.Text;
        set
        {
            var parsed = LogFilter.Parse(value ?? "");
            if (parsed.Text == _filter.Text) return;
            _filter = parsed;
            RebuildMatches();
            Changed?.Invoke(this, new LogChange(0, 0, Reset: true));
        }
    }

    /// <summary>Queues a line; safe from any thread.</summary>
    public void Post(LogLine line)
    {
        _incoming.Enqueue(line);
        Interlocked.Increment(ref _received);
    }

    public int Pump()
    {
        int appended = 0, dropped = 0;
        while (_incoming.TryDequeue(out var line))
        {
            long seq = _firstSeq + _lines.Count;
            bool filtering = Filtering;
            if (_lines.Add(line))
            {
                // The oldest line left the ring: forget it in the match list too.
                if (!filtering) dropped++;
                else if (_matches.Count > 0 && _matches[0] == _firstSeq) { _matches.RemoveFirst(); dropped++; }
                _firstSeq++;
            }
            if (!filtering) appended++;
            else if (Passes(line)) { _matches.Add(seq); appended++; }
        }
        if (appended > 0 || dropped > 0) Changed?.Invoke(this, new LogChange(appended, dropped, Reset: false));
        return appended;
    }

    private void RebuildMatches()
    {
        _matches.Clear();
        if (!Filtering) return;
        for (int i = 0; i < _lines.Count; i++)
            if (Passes(_lines[i])) _matches.Add(_firstSeq + i);
    }
}

/// <summary>The parsed form of the filter box: words that must appear, words that must not.</summary>
public sealed class LogFilter
{
    private readonly string[] _include;
    private readonly string[] _exclude;

    private LogFilter(string text, string[] include, string[] exclude)
    {
        Text = text;
        _include = include;
        _exclude = exclude;
    }

    public string Text { get; }
    public bool IsEmpty => _include.Length == 0 && _exclude.Length == 0;

    public static LogFilter Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var include = words.Where(w => !w.StartsWith('-') || w.Length == 1).ToArray();
        var exclude = words.Where(w => w.StartsWith('-') && w.Length > 1).Select(w => w[1..]).ToArray();
        return new LogFilter(string.Join(' ', words), include, exclude);
    }

    public bool Matches(LogLine line)
    {
        foreach (var w in _include)
            if (!Contains(line, w)) return false;
        foreach (var w in _exclude)
            if (Contains(line, w)) return false;
        return true;
    }

    private static bool Contains(LogLine line, string word) =>
        line.Text.Contains(word, StringComparison.OrdinalIgnoreCase) ||
        line.Source.Contains(word, StringComparison.OrdinalIgnoreCase);
}
