using System.Drawing;
using PppTui.Tui.Controls;
using PppTui.Tui.Layout;
using PppTui.Tui.Models;
using PppTui.Tui.Text;
using PppTui.Tui.Themes;

namespace PppTui.Tui.Panes;

/// <summary>
/// The IP pane: per link, the interface, addresses, MTU, bytes and rates, uptime and state. A
/// table when the pane is wide, a short record per link when it is narrow.
/// </summary>
public sealed class LinksPane : Pane
{
    private readonly ILinkStatusModel _model;
    public const int TableWidth = 96;

    public LinksPane(ILinkStatusModel model, ScreenContext context) : base(PaneId.Links, context)
    {
        _model = model;
        Add(Lines);
        _model.Changed += (_, _) => Context.Post(Refresh, "Show the links");
        Refresh();
    }

    public const string LookingText = "Looking for ppp links…";

    public LinesView Lines { get; } = new();

    public void Refresh()
    {
        var links = _model.Links;
        TitleDetail = links.Count == 0 ? null : $"{links.Count(l => l.State == LinkState.Up)} up";
        Lines.SetLines(!_model.Polled && links.Count == 0 ? [new StyledLine(LookingText, Tone.Muted)] : Render(links, Math.Max(Viewport.Width, 20)));
    }

    protected override void OnFrameChanged(in Rectangle frame)
    {
        base.OnFrameChanged(frame);
        Refresh();
    }

    public static Tone StateTone(LinkState state) => state switch
    {
        LinkState.Up => Tone.Good,
        LinkState.Connecting or LinkState.Disconnecting => Tone.Warning,
        LinkState.Failed => Tone.Bad,
        _ => Tone.Muted,
    };

    public static string StateWord(LinkState state) => state switch
    {
        LinkState.Up => "up",
        LinkState.Down => "down",
        LinkState.Connecting => "connecting",
        LinkState.Disconnecting => "stopping",
        LinkState.Failed => "failed",
        _ => "unknown",
    };

    public static IReadOnlyList<StyledLine> Render(IReadOnlyList<LinkStatus> links, int width)
    {
        var lines = new List<StyledLine>();
        if (links.Count == 0)
        {
            lines.Add(new("No ppp links right now.", Tone.Muted));
            return lines;
        }
        if (width >= TableWidth)
        {
            lines.Add(new(Row("iface", "profile", "state", "address", "peer", "mtu", "rx", "tx", "rx/s", "tx/s", "uptime"), Tone.Heading));
            foreach (var l in links)
            {
                lines.Add(new(Row(l.Interface ?? "-", l.Profile, StateWord(l.State), l.Addresses.FirstOrDefault() ?? "-",
                    l.PeerAddress ?? "-", l.Mtu?.ToString() ?? "-", Units.Bytes(l.RxBytes), Units.Bytes(l.TxBytes),
                    Units.Rate(l.RxRate), Units.Rate(l.TxRate), l.Uptime is { } u ? Units.Duration(u) : "-"), StateTone(l.State)));
                foreach (var extra in l.Addresses.Skip(1)) lines.Add(new(Row("", "", "", extra, "", "", "", "", "", "", ""), Tone.Normal));
                if (l.Detail is { } d) lines.Add(new("  " + d, l.State == LinkState.Failed ? Tone.Bad : Tone.Warning));
            }
            return lines;
        }
        foreach (var l in links)
        {
            var head = $"{l.Interface ?? "-"}  {l.Profile}  {StateWord(l.State)}" + (l.Uptime is { } u ? "  " + Units.Duration(u) : "");
            lines.Add(new(head, StateTone(l.State)));
            var addr = l.Addresses.Count == 0 ? "no address" : string.Join(", ", l.Addresses);
            lines.Add(new($"  {addr}" + (l.PeerAddress is { } p ? " → " + p : "") + (l.Mtu is { } m ? $"  mtu {m}" : ""), Tone.Normal));
            if (l.State is LinkState.Up || l.RxBytes > 0 || l.TxBytes > 0)
                lines.Add(new($"  rx {Units.Bytes(l.RxBytes)} ({Units.Rate(l.RxRate)})  tx {Units.Bytes(l.TxBytes)} ({Units.Rate(l.TxRate)})", Tone.Normal));
            if (l.Detail is { } d)
                foreach (var w in Columns.Wrap(d, width, "  ", "  ")) lines.Add(new(w, l.State == LinkState.Failed ? Tone.Bad : Tone.Warning));
        }
        return lines;
    }

    private static string Row(string iface, string profile, string state, string address, string peer, string mtu,
        string rx, string tx, string rxRate, string txRate, string uptime) =>
        Columns.Fit(iface, 7) + Columns.Fit(profile, 16) + Columns.Fit(state, 11) + Columns.Fit(address, 19) +
        Columns.Fit(peer, 16) + Columns.FitRight(mtu, 5) + Columns.FitRight(rx, 9) + Columns.FitRight(tx, 9) +
        Columns.FitRight(rxRate, 11) + Columns.FitRight(txRate, 11) + "  " + uptime;
}
