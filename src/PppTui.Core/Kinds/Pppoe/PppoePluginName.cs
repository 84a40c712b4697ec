namespace PppTui.Core.Kinds.Pppoe;

/// <summary>The file name of pppd's PPPoE plugin, which pppd 2.5.0 renamed.</summary>
public static class PppoePluginName
{
    /// <summary>pppd 2.4's name; pppd 2.5.2 still loads a peers file that says it (Debian 13, checked in the lab).</summary>
    public const string Classic = "rp-pppoe.so";

    /// <summary>pppd 2.5's name: Debian 13 ships only this file.</summary>
    public const string Renamed = "pppoe.so";

    private static readonly Version RenamedIn = new(2, 5);

    /// <summary>The name the installed pppd ships; the old name when no pppd is found.</summary>
    public static string For(Version? installedPppd) =>
        installedPppd is not null && installedPppd >= RenamedIn ? Renamed : Classic;
}
