using System.Collections.Concurrent;

namespace PppTui.Tui.Adapters;

/// <summary>
/// The files an editor renders against, each read from disk once (on first use) and then kept.
/// Typing re-renders the preview on every key; with this the keys never reach the disk, and Apply
/// compares the disk with exactly what the preview was computed from.
/// </summary>
public sealed class DiskSnapshot
{
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    /// <summary>The file's text as first read (null when it did not exist). A read error is kept too and rethrown.</summary>
    public string? Read(string path)
    {
        var entry = _files.GetOrAdd(path, static p =>
        {
            try { return new Entry(TextFile.ReadOrNull(p), null); }
            catch (Exception e) { return new Entry(null, e); }
        });
        if (entry.Error is not null) throw entry.Error;
        return entry.Text;
    }

    /// <summary>How many distinct files were read (for tests).</summary>
    public int Count => _files.Count;

    private sealed record Entry(string? Text, Exception? Error);
}
