namespace PppTui.Tui.Models;

/// <summary>One row of the routing table.</summary>
/// <param name="ViaPpp">The route leaves through a ppp link; the pane highlights it.</param>
/// <param name="Owner">The profile whose link the route uses, when it is a ppp route.</param>
public sealed record RouteEntry(string Destination, string? Gateway, string? Device, int? Metric,
    string? Protocol, bool IsDefault, bool ViaPpp, string? Owner = null);

/// <summary>Something about the routes the user should know, with the fix.</summary>
public sealed record RouteWarning(string Text, string? Fix = null);

/// <summary>The routing table and what it means for the ppp links.</summary>
public interface IRouteModel
{
    IReadOnlyList<RouteEntry> Routes { get; }

    /// <summary>Who owns the default route in words, e.g. "office-vpn (ppp0)" or "eth0 (not a ppp link)".</summary>
    string? DefaultRouteOwner { get; }

    IReadOnlyList<RouteWarning> Warnings { get; }
    event EventHandler? Changed;
}
