using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace PppTui.Core.Logs;

/// <summary>
/// Decoded text holding whole lines. Lines are separated by '\n'; the last one may lack it.
/// When <see cref="CutBytes"/> is above zero the block is one overlong line whose remaining
/// bytes were skipped by the reader.
/// </summary>
internal sealed class TextBlock
{
    public char[] Chars = [];
    public int Length;
    public long CutBytes;

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    public void Set(ReadOnlySpan<byte> utf8, long cutBytes = 0)
    {
        var need = LogText.Utf8.GetMaxCharCount(utf8.Length);
        if (Chars.Length < need) Chars = new char[Math.Max(need, Chars.Length * 2)];
        Length = LogText.Utf8.GetChars(utf8, Chars);
        CutBytes = cutBytes;
    }
}

/// <summary>
/// Reads a stream forward in large blocks of whole lines, with bounded memory: a line longer
/// than the block buffer keeps its first <see cref="LogText.MaxLineLength"/> bytes and the rest
/// is skipped and counted.
/// </summary>
internal sealed class ForwardBlockReader : IDisposable
{
    public const int DefaultBlockBytes = 1 << 20;

    private readonly Stream _stream;
    private byte[] _bytes;
    private int _filled;
    private bool _eof;
    private byte[]? _longHead;
    private long _skipped;

    public ForwardBlockReader(Stream stream, long startOffset = 0, int blockBytes = DefaultBlockBytes)
    {
        _stream = stream;
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(blockBytes, LogText.MaxLineLength * 2));
        Offset = startOffset;
    }

    /// <summary>Stream offset just past the last line handed out (where a follower resumes).</summary>
    public long Offset { get; private set; }

    /// <summary>Bytes read but not yet handed out: an unfinished last line.</summary>
    public int Pending => _filled;

    /// <summary>
    /// Fills <paramref name="block"/> with the next whole lines. At end of stream returns false,
    /// unless <paramref name="flushPartial"/> is set and an unterminated last line is pending,
    /// which is then handed out as a line. The reader may be called again after more data was
    /// appended to the stream (following).
    /// </summary>
    public bool Next(TextBlock block, bool flushPartial)
    {
        while (true)
        {
            if (_longHead is not null)
            {
                var nl = _bytes.AsSpan(0, _filled).IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    _skipped += nl;
                    ConsumeFront(nl + 1);
                    return EmitLong(block);
                }
                _skipped += _filled;
                Offset += _filled;
                _filled = 0;
            }
            else
            {
                var last = _bytes.AsSpan(0, _filled).LastIndexOf((byte)'\n');
                if (last >= 0)
                {
                    block.Set(_bytes.AsSpan(0, last + 1));
                    ConsumeFront(last + 1);
                    return true;
                }
                if (_filled == _bytes.Length)
                {
                    _longHead = _bytes.AsSpan(0, LogText.MaxLineLength).ToArray();
                    _skipped = _filled - LogText.MaxLineLength;
                    Offset += _filled;
                    _filled = 0;
                    continue;
                }
            }

            if (_eof || !Fill())
            {
                _eof = false; // a follower may call again after the file grew
                if (_longHead is not null && flushPartial) return EmitLong(block);
                if (_filled > 0 && flushPartial)
                {
                    block.Set(_bytes.AsSpan(0, _filled));
                    ConsumeFront(_filled);
                    return true;
                }
                return false;
            }
        }
    }

    private bool Fill()
    {
        var n = _stream.Read(_bytes, _filled, _bytes.Length - _filled);
        if (n <= 0)
        {
            _eof = true;
            return false;
        }
        _filled += n;
        return true;
    }

    private bool EmitLong(TextBlock block)
    {
        block.Set(_longHead!, _skipped);
        _longHead = null;
        _skipped = 0;
        return true;
    }

    private void ConsumeFront(int count)
    {
        Offset += count;
        _filled -= count;
        if (_filled > 0) Buffer.BlockCopy(_bytes, count, _bytes, 0, _filled);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}

/// <summary>
/// Reads a file backward from <c>end</c> in fixed-size blocks: the newest lines first, without
/// reading the rest of the file. Each block's lines are in file order; blocks come newest first.
/// Memory stays bounded for any line length: of an overlong line only the beginning is kept.
/// </summary>
internal static class BackwardBlockReader
{
    public const int DefaultBlockBytes = 1 << 20;
    private const int MaxCarry = LogText.MaxLineLength * 4;

    public static IEnumerable<TextBlock> Read(SafeFileHandle handle, long end, int blockBytes = DefaultBlockBytes)
    {
        var buffer = new byte[blockBytes + MaxCarry];
        var carry = new byte[MaxCarry];
        int carryLength = 0;
        long carryDropped = 0;
        var block = new TextBlock();
        var single = new TextBlock();
        long pos = end;
        while (pos > 0)
        {
            var n = (int)Math.Min(blockBytes, pos);
            pos -= n;
            ReadExactly(handle, buffer.AsSpan(0, n), pos);
            carry.AsSpan(0, carryLength).CopyTo(buffer.AsSpan(n));
            var total = n + carryLength;

            int completeStart = 0;
            if (pos > 0)
            {
                var first = buffer.AsSpan(0, total).IndexOf((byte)'\n');
                if (first < 0)
                {
                    // All of it belongs to one line that started earlier: keep its beginning only.
                    var keep = Math.Min(total, MaxCarry);
                    carryDropped += total - keep;
                    buffer.AsSpan(0, keep).CopyTo(carry);
                    carryLength = keep;
                    continue;
                }
                completeStart = first + 1;
            }
            int completeEnd = total;
            long dropped = carryDropped;

            // New carry: the start of this region (with its '\n', so that an empty line stays a
            // line), the end of a line that began in an earlier block. Of a huge one keep the start.
            carryLength = Math.Min(completeStart, MaxCarry);
            carryDropped = completeStart - carryLength;
            if (carryLength > 0) buffer.AsSpan(0, carryLength).CopyTo(carry);

            if (completeEnd == completeStart) continue;
            if (dropped > 0)
            {
                // The newest line of this region is the one whose end was dropped: hand it out alone.
                var lastStart = completeStart + buffer.AsSpan(completeStart, completeEnd - completeStart - 1).LastIndexOf((byte)'\n') + 1;
                single.Set(buffer.AsSpan(lastStart, completeEnd - lastStart), dropped);
                yield return single;
                completeEnd = lastStart;
                if (completeEnd == completeStart) continue;
            }
            block.Set(buffer.AsSpan(completeStart, completeEnd - completeStart));
            yield return block;
        }
    }

    /// <summary>The offset just past the file's last '\n' (so an unfinished line is left for a follower).</summary>
    public static long EndOfLastCompleteLine(SafeFileHandle handle, long length)
    {
        var buffer = new byte[64 * 1024];
        var pos = length;
        while (pos > 0)
        {
            var n = (int)Math.Min(buffer.Length, pos);
            pos -= n;
            ReadExactly(handle, buffer.AsSpan(0, n), pos);
            var nl = buffer.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (nl >= 0) return pos + nl + 1;
        }
        return 0;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> into, long offset)
    {
        while (into.Length > 0)
        {
            var n = RandomAccess.Read(handle, into, offset);
            if (n <= 0)
            {
                into.Clear(); // the file shrank under us: read what is left as blank
                return;
            }
            into = into[n..];
            offset += n;
        }
    }
}
