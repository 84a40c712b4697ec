namespace PppTui.Core.Logs;

/// <summary>
/// A fixed-capacity buffer that drops its oldest item when full. Index 0 is the oldest item.
/// Not thread-safe: <see cref="LogModel"/> only touches it on the thread that pumps.
/// </summary>
public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _head;

    /// <param name="capacity">The most items held; at least 1.</param>
    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    /// <summary>The most items held.</summary>
    public int Capacity => _items.Length;

    /// <summary>Items held now.</summary>
    public int Count { get; private set; }

    /// <summary>The i-th item held, oldest first.</summary>
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _items[(_head + index) % _items.Length];
        }
    }

    /// <summary>Adds an item; returns true when the oldest item was dropped to make room.</summary>
    public bool Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_head + Count) % _items.Length] = item;
            Count++;
            return false;
        }
        _items[_head] = item;
        _head = (_head + 1) % _items.Length;
        return true;
    }

    /// <summary>Drops the oldest item.</summary>
    public void RemoveFirst()
    {
        if (Count == 0) throw new InvalidOperationException("The buffer is empty.");
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
    }

    /// <summary>Drops every item.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }
}
