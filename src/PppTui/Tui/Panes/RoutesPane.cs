using System.Drawing;

namespace PppTui.Tui.Panes;

/// <summary>
/// The route pane: who owns the default route, the warnings first (they explain "connected but
/// nothing goes through the VPN"), then the table with routes via ppp links highlighted.
/// </summary>
public sealed class RoutesPane : Pane
{
    private readonly IRouteModel _model;

    public RoutesPane(IRouteModel model, ScreenContext context) : base(PaneId.Routes, context)
    {
        _model = model;
        Add(Lines);
        _model.Changed += (_, _) => Context.Post(Refresh, "Show the routes");
        Refresh();
    }

    public LinesView Lines { get; } = new();

    public void Refresh()
    {
        TitleDetail = _model.Warnings.Count == 0 ? null : $"{_model.Warnings.Count} warning" + (_model.Warnings.Count == 1 ? "" : "s");
        Lines.SetLines(Render(_model, Math.Max(Viewport.Width, 20)));
    }

    protected override void OnFrameChanged(in Rectangle frame)
    {
        base.OnFrameChanged(frame);
        Refresh();
    }

    public static IReadOnlyList<StyledLine> Render(IRouteModel model, int width)
    {
        var lines = new List<StyledLine>
        {
            new(Msg.F("Default route: {0}", model.DefaultRouteOwner ?? Msg.T("none")), Tone.Heading),
        };
        foreach (var w in model.Warnings)
        {
            foreach (var l in Columns.Wrap(w.Text, width, "! ", "  ")) lines.Add(new(l, Tone.Warning));
            if (w.Fix is { } fix)
                foreach (var l in Columns.Wrap(fix, width, "  " + Msg.T("fix") + ": ", new string(' ', Columns.Width(Msg.T("fix")) + 4))) lines.Add(new(l, Tone.Normal));
        }
        if (model.Routes.Count == 0)
        {
            lines.Add(new(Msg.T("No routes read yet."), Tone.Muted));
            return lines;
        }
        int destWidth = Math.Clamp(model.Routes.Max(r => Columns.Width(r.Destination)) + 1, 8, 20);
        bool showProto = width >= destWidth + 16 + 8 + 7 + 8;
        lines.Add(new(Row(" ", "destination", "gateway", "dev", "metric", "proto", destWidth, showProto), Tone.Heading));
        foreach (var r in model.Routes)
        {
            var mark = r.IsDefault ? "*" : " ";
            var text = Row(mark, r.Destination, r.Gateway ?? "-", r.Device ?? "-", r.Metric?.ToString() ?? "", r.Protocol ?? "", destWidth, showProto);
            if (r.ViaPpp && r.Owner is { } owner) text += "  ← " + owner;
            lines.Add(new(text, r.ViaPpp ? Tone.Marked : Tone.Normal));
        }
        return lines;
    }

    private static string Row(string mark, string dest, string gateway, string dev, string metric, string proto, int destWidth, bool showProto) =>
        mark + Columns.Fit(dest, destWidth) + Columns.Fit(gateway, 16) + Columns.Fit(dev, 8) + Columns.FitRight(metric, 6) +
        (showProto ? " " + Columns.Fit(proto, 8) : "");
}
