using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

// One window, one line of text and a status bar: what any Terminal.Gui app pays before it draws
// anything of its own. The bench waits for the status bar text, as it does for ppptui.
using IApplication app = Application.Create().Init();
using var window = new Window { Title = "floor", Width = Dim.Fill(), Height = Dim.Fill() };
window.Add(new Label { X = 1, Y = 1, Text = "The smallest Terminal.Gui app: one window." });
window.Add(new StatusBar([new Shortcut(Key.F10, "Quit", () => app.RequestStop())]));
app.Run(window);
return 0;
