using Terminal.Gui.App;

namespace PppTui.Tui.Themes;

/// <summary>
/// The current theme and the 16-colour switch, changed at run time from the menu or a key. The
/// app remembers the choice by listening to <see cref="Changed"/>.
/// </summary>
public sealed class ThemeController
{
    public ThemeController(ThemeCatalog catalog, string current, bool force16Colors)
    {
        Catalog = catalog;
        Current = current;
        Force16Colors = force16Colors;
    }

    public ThemeCatalog Catalog { get; }
    public string Current { get; private set; }
    public bool Force16Colors { get; private set; }

    public event EventHandler? Changed;

    /// <summary>Makes the theme current in Terminal.Gui; call once at start before the first draw.</summary>
    public void ApplyCurrent(IApplication? app)
    {
        Catalog.Apply(Current);
        if (app?.Driver is { } driver) driver.Force16Colors = Force16Colors;
    }

    public void Switch(string name)
    {
        Catalog.Apply(name);
        Current = name;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void SetForce16Colors(bool on, IApplication? app)
    {
        Force16Colors = on;
        if (app?.Driver is { } driver) driver.Force16Colors = on;
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
