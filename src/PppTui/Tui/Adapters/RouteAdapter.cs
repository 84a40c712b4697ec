namespace PppTui.Tui.Adapters;

/// <summary>
/// The route pane's model: the main routing table as the link adapter last read it, which routes
/// leave through a ppp link and whose link that is, who owns the default route, and the traps the
/// status checks found after Up (default route not taken, peer DNS ignored) with their fixes.
/// </summary>
public sealed class RouteAdapter : IRouteModel
{
    private readonly LinkStatusAdapter _links;
    private readonly Lock _gate = new();
    private Snapshot _snapshot = new([], null, []);

    public RouteAdapter(LinkStatusAdapter links)
    {
        _links = links;
        links.Changed += (_, _) => Rebuild();
        Rebuild();
    }

    public IReadOnlyList<RouteRow> Routes
    {
        get { lock (_gate) return _snapshot.Routes; }
    }

    public string? DefaultRouteOwner
    {
        get { lock (_gate) return _snapshot.DefaultOwner; }
    }

    public IReadOnlyList<RouteWarning> Warnings
    {
        get { lock (_gate) return _snapshot.Warnings; }
    }

    public event EventHandler? Changed;

    private void Rebuild()
    {
        var network = _links.Network;
        var statuses = _links.Current;
        var owners = statuses.Where(s => s.Interface is not null)
            .GroupBy(s => s.Interface!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

        var routes = new List<RouteRow>();
        string? defaultOwner = null;
        if (network is not null)
        {
            var effective = IpOutput.EffectiveDefault(network.Routes);
            foreach (var r in network.Routes)
            {
                string? owner = r.Device is { } dev && owners.TryGetValue(dev, out var name) ? name : null;
                bool viaPpp = owner is not null || (r.Device?.StartsWith("ppp", StringComparison.Ordinal) ?? false);
                routes.Add(new RouteRow(r.IsDefault ? "default" : r.Destination, r.Gateway, r.Device, r.Metric, r.Protocol,
                    ReferenceEquals(r, effective), viaPpp, owner));
            }
            defaultOwner = !network.RoutesKnown ? Msg.T("unknown ('ip route' did not answer)")
                : effective is null ? Msg.T("none")
                : effective.Device is { } d && owners.TryGetValue(d, out var link) ? $"{link} ({d})"
                : Msg.F("{0} (not a ppp link)", effective.Device ?? effective.Gateway ?? "?");
        }

        var warnings = statuses
            .SelectMany(s => s.Notices.Where(n => n.Severity != DiagnosisSeverity.Info).Select(n => new RouteWarning($"{s.Name}: {n.Cause}", n.Fix)))
            .ToList();

        var next = new Snapshot(routes, defaultOwner, warnings);
        bool changed;
        lock (_gate)
        {
            changed = !next.SameAs(_snapshot);
            _snapshot = next;
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
    }

    private sealed record Snapshot(IReadOnlyList<RouteRow> Routes, string? DefaultOwner, IReadOnlyList<RouteWarning> Warnings)
    {
        public bool SameAs(Snapshot other) =>
            DefaultOwner == other.DefaultOwner && Routes.SequenceEqual(other.Routes) && Warnings.SequenceEqual(other.Warnings);
    }
}
