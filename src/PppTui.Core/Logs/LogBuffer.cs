namespace PppTui.Core.Logs;

/// <summary>
/// A fixed-capacity ring of log lines (the oldest drop out) with filtered views that a UI can
/// page in O(1): <c>view[i]</c> and <c>view.Count</c> cost the same for any filter. Appends
/// may come from a background reader while the UI reads; every member is thread-safe.
/// </summary>
public sealed class LogBuffer
{
    private readonly object _gate = new();
    private readonly LogLine[] _lines;
    private readonly List<LogView> _views = [];
    private long _next;   // sequence number of the next line appended

    public LogBuffer(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _lines = new LogLine[capacity];
    }

    public int Capacity => _lines.Length;

    /// <summary>Lines held now (at most <see cref="Capacity"/>).</summary>
    public int Count
    {
        get { lock (_gate) return (int)Math.Min(_next, _lines.Length); }
    }

    /// <summary>Lines appended since creation, including those that dropped out.</summary>
    public long TotalAppended
    {
        get { lock (_gate) return _next; }
    }

    /// <summary>Raised after lines were appended (on the appending thread).</summary>
    public event EventHandler<LogAppendedEventArgs>? Appended;

    /// <summary>Raised after <see cref="Clear"/>.</summary>
    public event EventHandler? Cleared;

    /// <summary>The i-th line held, oldest first.</summary>
    public LogLine this[int index]
    {
        get
        {
            lock (_gate)
            {
                var count = (int)Math.Min(_next, _lines.Length);
                if ((uint)index >= (uint)count) throw new ArgumentOutOfRangeException(nameof(index));
                return BySequence(FirstSequence + index);
            }
        }
    }

    public void Append(LogLine line) => AppendRange([line]);

    public void AppendRange(IEnumerable<LogLine> lines)
    {
        int added = 0;
        HashSet<LogView>? changed = null;
        lock (_gate)
        {
            foreach (var line in lines)
            {
                var seq = _next++;
                _lines[seq % _lines.Length] = line;
                foreach (var view in _views)
                    if (view.OnAppended(seq, line, FirstSequence)) (changed ??= []).Add(view);
                added++;
            }
        }
        if (changed is not null)
            foreach (var view in changed) view.RaiseChanged();
        if (added > 0) Appended?.Invoke(this, new LogAppendedEventArgs(added));
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_lines);
            _next = 0;
            foreach (var view in _views) view.Reset();
        }
        foreach (var view in _views.ToArray()) view.RaiseChanged();
        Cleared?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>A live, filtered view; dispose it when the UI no longer shows it.</summary>
    public LogView CreateView(LogFilter? filter = null)
    {
        var view = new LogView(this, filter ?? LogFilter.All);
        lock (_gate)
        {
            _views.Add(view);
            view.Rebuild();
        }
        return view;
    }

    /// <summary>A snapshot of the lines held, oldest first.</summary>
    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_next, _lines.Length);
            var copy = new LogLine[count];
            for (int i = 0; i < count; i++) copy[i] = BySequence(FirstSequence + i);
            return copy;
        }
    }

    internal object Gate => _gate;
    internal long FirstSequence => Math.Max(0, _next - _lines.Length);
    internal long NextSequence => _next;
    internal LogLine BySequence(long seq) => _lines[seq % _lines.Length];
    internal void Remove(LogView view)
    {
        lock (_gate) _views.Remove(view);
    }
}

public sealed class LogAppendedEventArgs(int count) : EventArgs
{
    /// <summary>How many lines were appended.</summary>
    public int Count { get; } = count;
}

/// <summary>
/// The lines of a <see cref="LogBuffer"/> that pass a filter, oldest first, indexable in O(1).
/// Keeps a ring of the matching lines' sequence numbers, trimmed as lines drop out of the buffer.
/// </summary>
public sealed class LogView : IDisposable
{
    private readonly LogBuffer _buffer;
    private readonly long[] _seqs;
    private int _head;
    private int _count;
    private LogFilter _filter;

    internal LogView(LogBuffer buffer, LogFilter filter)
    {
        _buffer = buffer;
        _filter = filter;
        _seqs = new long[buffer.Capacity];
    }

    /// <summary>Raised when lines were added to or dropped from the view, or the filter changed.</summary>
    public event EventHandler? Changed;

    /// <summary>The filter; setting it rebuilds the view from the buffer (O(capacity)).</summary>
    public LogFilter Filter
    {
        get { lock (_buffer.Gate) return _filter; }
        set
        {
            lock (_buffer.Gate)
            {
                _filter = value;
                Rebuild();
            }
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    public int Count
    {
        get { lock (_buffer.Gate) return _count; }
    }

    /// <summary>The i-th matching line, oldest first.</summary>
    public LogLine this[int index]
    {
        get
        {
            lock (_buffer.Gate)
            {
                if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
                return _buffer.BySequence(_seqs[(_head + index) % _seqs.Length]);
            }
        }
    }

    /// <summary>Index of the first matching line at or after view index <paramref name="start"/> that carries a mark, or -1.</summary>
    public int NextMarked(int start)
    {
        lock (_buffer.Gate)
        {
            for (int i = Math.Max(0, start); i < _count; i++)
                if (_buffer.BySequence(_seqs[(_head + i) % _seqs.Length]).IsMarked) return i;
            return -1;
        }
    }

    public void Dispose() => _buffer.Remove(this);

    // Called under the buffer's lock.
    internal bool OnAppended(long seq, LogLine line, long firstHeld)
    {
        var changed = DropOlderThan(firstHeld);
        if (_filter.Matches(line))
        {
            _seqs[(_head + _count) % _seqs.Length] = seq;
            _count++;
            changed = true;
        }
        return changed;
    }

    internal void RaiseChanged() => Changed?.Invoke(this, EventArgs.Empty);

    internal void Reset()
    {
        _head = 0;
        _count = 0;
    }

    internal void Rebuild()
    {
        Reset();
        for (var seq = _buffer.FirstSequence; seq < _buffer.NextSequence; seq++)
        {
            if (!_filter.Matches(_buffer.BySequence(seq))) continue;
            _seqs[(_head + _count) % _seqs.Length] = seq;
            _count++;
        }
    }

    private bool DropOlderThan(long firstHeld)
    {
        var dropped = false;
        while (_count > 0 && _seqs[_head] < firstHeld)
        {
            _head = (_head + 1) % _seqs.Length;
            _count--;
            dropped = true;
        }
        return dropped;
    }
}
