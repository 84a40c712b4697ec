using System.Drawing;

namespace PppTui.Tui.Panes;

/// <summary>
/// The IP pane: per link, the interface, addresses, MTU, bytes and rates, uptime and state. A
/// table when the pane is wide, a short record per link when it is narrow. Links systemd keeps
/// up carry <see cref="KeptUpMarker"/>, explained on a line under them. Under the ppp links (or
/// alone, when none is up) the box's own interfaces as <c>ip -br addr</c> shows them: on a headless
/// server "what are my addresses" is the first question, before anything is dialed.
/// </summary>
public sealed class LinksPane : Pane
{
    private readonly ILinkStatusModel _model;
    private readonly IServiceModel _services;
    public const int TableWidth = 96;

    /// <summary>Marks a profile or link whose ppptui@NAME.service is enabled (one column wide).</summary>
    public const string KeptUpMarker = "↻";

    /// <summary>What the marker means, shown under the links when one carries it.</summary>
    public const string KeptUpLegend = KeptUpMarker + " kept up by systemd: started at boot and redialed when it drops";

    public LinksPane(ILinkStatusModel model, IServiceModel services, ScreenContext context) : base(PaneId.Links, context)
    {
        _model = model;
        _services = services;
        Add(Lines);
        _model.Changed += (_, _) => Context.Post(Refresh, "Show the links");
        _services.Changed += (_, _) => Context.Post(Refresh, "Show the links");
        Refresh();
    }

    public const string LookingText = "Looking for ppp links…";

    public LinesView Lines { get; } = new();

    public void Refresh()
    {
        var links = _model.Links;
        TitleDetail = links.Count == 0 ? null : $"{links.Count(l => l.State == LinkPhase.Up)} up";
        Lines.SetLines(!_model.Polled && links.Count == 0
            ? [new StyledLine(Msg.T(LookingText), Tone.Muted)]
            : Render(links, Math.Max(Viewport.Width, 20), _services.IsKeptUp, _model.Interfaces));
    }

    protected override void OnFrameChanged(in Rectangle frame)
    {
        base.OnFrameChanged(frame);
        Refresh();
    }

    public static Tone StateTone(LinkPhase state) => state switch
    {
        LinkPhase.Up => Tone.Good,
        LinkPhase.Connecting or LinkPhase.Disconnecting => Tone.Warning,
        LinkPhase.Failed => Tone.Bad,
        _ => Tone.Muted,
    };

    public static string StateWord(LinkPhase state) => state switch
    {
        LinkPhase.Up => "up",
        LinkPhase.Down => "down",
        LinkPhase.Connecting => "connecting",
        LinkPhase.Disconnecting => "stopping",
        LinkPhase.Failed => "failed",
        _ => "unknown",
    };

    /// <param name="keptUp">Whether systemd keeps a profile's link up; null marks none.</param>
    /// <param name="interfaces">The box's interfaces, listed after the ppp links (those a link row shows are left out).</param>
    public static IReadOnlyList<StyledLine> Render(IReadOnlyList<LinkRow> links, int width, Func<string, bool>? keptUp = null,
        IReadOnlyList<InterfaceAddresses>? interfaces = null)
    {
        var lines = new List<StyledLine>();
        var shownByLinks = links.Select(l => l.Interface).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var others = (interfaces ?? []).Where(i => !shownByLinks.Contains(i.Name)).ToList();
        if (links.Count == 0)
        {
            foreach (var w in Columns.Wrap(others.Count == 0 ? Msg.T("No ppp links right now.") : Msg.T("No ppp links right now. This box's interfaces:"), width))
                lines.Add(new(w, Tone.Muted));
            RenderInterfaces(others, width, lines);
            return lines;
        }
        bool Kept(LinkRow l) => keptUp?.Invoke(l.Profile) ?? false;
        if (width >= TableWidth)
        {
            lines.Add(new(Row("iface", "profile", "state", "address", "peer", "mtu", "rx", "tx", "rx/s", "tx/s", "uptime"), Tone.Heading));
            foreach (var l in links)
            {
                // The marker takes the profile cell's last columns, so the columns after it stay put.
                var profile = Kept(l) ? Columns.Fit(l.Profile, 14) + KeptUpMarker : l.Profile;
                lines.Add(new(Row(l.Interface ?? "-", profile, StateWord(l.State), l.Addresses.FirstOrDefault() ?? "-",
                    l.PeerAddress ?? "-", l.Mtu?.ToString() ?? "-", Units.Bytes(l.RxBytes), Units.Bytes(l.TxBytes),
                    Units.Rate(l.RxRate), Units.Rate(l.TxRate), l.Uptime is { } u ? Units.Duration(u) : "-"), StateTone(l.State)));
                foreach (var extra in l.Addresses.Skip(1)) lines.Add(new(Row("", "", "", extra, "", "", "", "", "", "", ""), Tone.Normal));
                if (l.Detail is { } d) lines.Add(new("  " + d, l.State == LinkPhase.Failed ? Tone.Bad : Tone.Warning));
                foreach (var fact in l.Facts)
                    foreach (var w in Columns.Wrap(fact, width, "  ", "    ")) lines.Add(new(w, Tone.Muted));
            }
        }
        else
        {
            foreach (var l in links)
            {
                var head = $"{l.Interface ?? "-"}  {l.Profile}  {StateWord(l.State)}" + (l.Uptime is { } u ? "  " + Units.Duration(u) : "") +
                           (Kept(l) ? "  " + KeptUpMarker : "");
                lines.Add(new(head, StateTone(l.State)));
                var addr = l.Addresses.Count == 0 ? "no address" : string.Join(", ", l.Addresses);
                lines.Add(new($"  {addr}" + (l.PeerAddress is { } p ? " → " + p : "") + (l.Mtu is { } m ? $"  mtu {m}" : ""), Tone.Normal));
                if (l.State is LinkPhase.Up || l.RxBytes > 0 || l.TxBytes > 0)
                    lines.Add(new($"  rx {Units.Bytes(l.RxBytes)} ({Units.Rate(l.RxRate)})  tx {Units.Bytes(l.TxBytes)} ({Units.Rate(l.TxRate)})", Tone.Normal));
                if (l.Detail is { } d)
                    foreach (var w in Columns.Wrap(d, width, "  ", "  ")) lines.Add(new(w, l.State == LinkPhase.Failed ? Tone.Bad : Tone.Warning));
                foreach (var fact in l.Facts)
                    foreach (var w in Columns.Wrap(fact, width, "  ", "    ")) lines.Add(new(w, Tone.Muted));
            }
        }
        if (links.Any(Kept))
            foreach (var w in Columns.Wrap(Msg.T(KeptUpLegend), width, "", "  ")) lines.Add(new(w, Tone.Muted));
        if (others.Count > 0)
        {
            lines.Add(new("", Tone.Normal));
            lines.Add(new(Msg.T("Other interfaces:"), Tone.Heading));
            RenderInterfaces(others, width, lines);
        }
        return lines;
    }

    /// <summary>
    /// One row per interface as <c>ip -br addr</c> prints it: name, state, addresses. Addresses that
    /// do not fit go on the next row under the first, never cut.
    /// </summary>
    private static void RenderInterfaces(IReadOnlyList<InterfaceAddresses> interfaces, int width, List<StyledLine> lines)
    {
        if (interfaces.Count == 0) return;
        int nameWidth = Math.Min(interfaces.Max(i => Columns.Width(i.Name)) + 2, 17);
        int stateWidth = interfaces.Max(i => Columns.Width(i.State ?? "-")) + 2;
        int indent = nameWidth + stateWidth;
        foreach (var i in interfaces)
        {
            var state = i.State ?? "-";
            var tone = state == "UP" ? Tone.Good : state == "DOWN" ? Tone.Muted : Tone.Normal;
            var head = Columns.Fit(i.Name, nameWidth - 1) + " " + Columns.Fit(state, stateWidth);
            var rows = PackWords(i.Addresses.Select(a => a.Local + "/" + a.PrefixLength + (a.Peer is { } p && p != a.Local ? " peer " + p : "")),
                Math.Max(width - indent, 1));
            if (rows.Count == 0 || Columns.Width(rows[0]) > width - indent) lines.Add(new(head.TrimEnd(), tone));
            else
            {
                lines.Add(new(head + rows[0], tone));
                rows.RemoveAt(0);
            }
            // A row wider than the address column moves left rather than being cut (an IPv6 address on 40 columns).
            foreach (var more in rows) lines.Add(new(new string(' ', Math.Min(indent, Math.Max(width - Columns.Width(more), 0))) + more, tone));
        }
    }

    /// <summary>Words packed into rows of at most <paramref name="width"/> columns; a word wider than that gets a row of its own.</summary>
    private static List<string> PackWords(IEnumerable<string> words, int width)
    {
        var rows = new List<string>();
        var current = "";
        foreach (var word in words)
        {
            if (current.Length == 0) current = word;
            else if (Columns.Width(current) + 1 + Columns.Width(word) <= width) current += " " + word;
            else
            {
                rows.Add(current);
                current = word;
            }
        }
        if (current.Length > 0) rows.Add(current);
        return rows;
    }

    private static string Row(string iface, string profile, string state, string address, string peer, string mtu,
        string rx, string tx, string rxRate, string txRate, string uptime) =>
        Columns.Fit(iface, 7) + Columns.Fit(profile, 16) + Columns.Fit(state, 11) + Columns.Fit(address, 19) +
        Columns.Fit(peer, 16) + Columns.FitRight(mtu, 5) + Columns.FitRight(rx, 9) + Columns.FitRight(tx, 9) +
        Columns.FitRight(rxRate, 11) + Columns.FitRight(txRate, 11) + "  " + uptime;
}
