namespace PppTui.Tui.Models;

/// <summary>One row of the route pane: a route of Core's table as the pane shows it, with whose link it leaves through.</summary>
/// <param name="IsDefault">The route is the default route in effect.</param>
/// <param name="ViaPpp">The route leaves through a ppp link; the pane highlights it.</param>
/// <param name="Owner">The profile whose link the route uses, when it is a ppp route.</param>
public sealed record RouteRow(string Destination, string? Gateway, string? Device, int? Metric,
    string? Protocol, bool IsDefault, bool ViaPpp, string? Owner = null);

/// <summary>Something about the routes the user should know, with the fix.</summary>
public sealed record RouteWarning(string Text, string? Fix = null);

/// <summary>The routing table and what it means for the ppp links.</summary>
public interface IRouteModel
{
    IReadOnlyList<RouteRow> Routes { get; }

    /// <summary>Who owns the default route in words, e.g. "office-vpn (ppp0)" or "eth0 (not a ppp link)".</summary>
    string? DefaultRouteOwner { get; }

    IReadOnlyList<RouteWarning> Warnings { get; }
    event EventHandler? Changed;
}
