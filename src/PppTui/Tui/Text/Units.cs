namespace PppTui.Tui.Text;

/// <summary>Short human forms of byte counts, rates and durations for narrow panes.</summary>
public static class Units
{
    private static readonly string[] Suffixes = ["B", "kB", "MB", "GB", "TB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        int i = 0;
        while (Math.Abs(value) >= 1000 && i < Suffixes.Length - 1) { value /= 1000; i++; }
        return i == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : value.ToString(value < 9.95 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Suffixes[i];
    }

    public static string Rate(double bytesPerSecond) => Bytes((long)Math.Round(bytesPerSecond)) + "/s";

    /// <summary>"3d 04:05:06", "04:05:06" or "05:06".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1)
            return $"{(int)span.TotalDays}d {span.Hours:00}:{span.Minutes:00}:{span.Seconds:00}";
        return span.TotalHours >= 1
            ? $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}"
            : $"{span.Minutes:00}:{span.Seconds:00}";
    }
}
