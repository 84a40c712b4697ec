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

    public RingLogModel(int capacity = 20_000)
    {
        _lines = new RingBuffer<LogLine>(capacity);
        _matches = new RingBuffer<long>(capacity);
    }

    public int Capacity => _lines.Capacity;
    public long Received => Interlocked.Read(ref _received);

    public int Count => _filter.IsEmpty ? _lines.Count : _matches.Count;

    public LogLine this[int index] =>
        _filter.IsEmpty ? _lines[index] : _lines[(int)(_matches[index] - _firstSeq)];

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
            if (_lines.Add(line))
            {
                // The oldest line left the ring: forget it in the match list too.
                if (_filter.IsEmpty) dropped++;
                else if (_matches.Count > 0 && _matches[0] == _firstSeq) { _matches.RemoveFirst(); dropped++; }
                _firstSeq++;
            }
            if (_filter.IsEmpty) appended++;
            else if (_filter.Matches(line)) { _matches.Add(seq); appended++; }
        }
        if (appended > 0 || dropped > 0) Changed?.Invoke(this, new LogChange(appended, dropped, Reset: false));
        return appended;
    }

    private void RebuildMatches()
    {
        _matches.Clear();
        if (_filter.IsEmpty) return;
        for (int i = 0; i < _lines.Count; i++)
            if (_filter.Matches(_lines[i])) _matches.Add(_firstSeq + i);
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
