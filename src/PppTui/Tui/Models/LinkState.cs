namespace PppTui.Tui.Models;

/// <summary>What the screen knows about a profile's link, as the badge shows it.</summary>
public enum LinkState
{
    /// <summary>Nothing is known yet (no link source, or not looked at yet).</summary>
    Unknown,
    /// <summary>No pppd runs for this profile.</summary>
    Down,
    /// <summary>pppd runs but the link is not up yet (dialing, authenticating).</summary>
    Connecting,
    /// <summary>The ppp interface is up.</summary>
    Up,
    /// <summary>A stop was asked for and pppd has not exited yet.</summary>
    Disconnecting,
    /// <summary>The last attempt failed; the detail says why.</summary>
    Failed,
}
