using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace PppTui.Tests.Tui;

/// <summary>Keys into a headless app, then a frame: what every screen host of the tests does.</summary>
public static class HeadlessInput
{
    /// <summary>Runs queued UI-thread work and due timers, then lays out and draws.</summary>
    public static void DrawFrame(this IApplication app)
    {
        app.TimedEvents!.RunTimers();
        app.LayoutAndDraw(true);
    }

    public static void PressKey(this IApplication app, Key key)
    {
        app.InjectKey(key);
        app.DrawFrame();
    }

    public static void TypeText(this IApplication app, string text)
    {
        foreach (var c in text) app.InjectKey(new Key(c));
        app.DrawFrame();
    }
}
