using System.Text;

namespace PppTui.Core.Dialing;

/// <summary>
/// Follows a pppd <c>logfile</c> from a given offset. With <c>logfile</c> set, pppd writes its
/// messages there instead of stdout, so a dial reads its progress from here.
/// </summary>
public sealed class LogFileTail
{
    private readonly StringBuilder _partial = new();

    public LogFileTail(string path, long offset)
    {
        Path = path;
        Offset = offset;
    }

    public string Path { get; }

    public long Offset { get; private set; }

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

    /// <summary>The complete lines appended since the last call (a half-written line waits for its end).</summary>
    public IReadOnlyList<string> ReadNewLines()
    {
        var lines = new List<string>();
        try
        {
            if (!File.Exists(Path)) return lines;
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // A file that shrank was truncated or replaced: start from its beginning.
            if (stream.Length < Offset) Offset = 0;
            if (stream.Length == Offset) return lines;
            stream.Seek(Offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - Offset];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            Offset += read;
            _partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (IOException)
        {
            return lines;
        }
        var text = _partial.ToString();
        var last = text.LastIndexOf('\n');
        if (last < 0) return lines;
        lines.AddRange(text[..last].Split('\n').Select(l => l.TrimEnd('\r')));
        _partial.Clear().Append(text[(last + 1)..]);
        return lines;
    }
}
