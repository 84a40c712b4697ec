using System.Runtime.CompilerServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace PppTui.Tui.Output;

/// <summary>
/// Terminal.Gui's ANSI output with our own frame writer: Terminal.Gui 2.5 sends every dirty cell with
/// two 24-bit colour sequences and re-sends the cursor state (ESC[?25l ESC[1;1H) on every main-loop
/// pass, about 25 times a second while nothing changes. Here a frame sends only the cells that differ
/// from what the terminal shows (<see cref="FrameEncoder"/>) and the cursor only when it changes, so
/// an idle screen writes nothing. Everything else (start-up modes, size queries) is Terminal.Gui's.
/// </summary>
public sealed class TerminalOutput : AnsiOutput, IOutput
{
    private const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";

    private readonly FrameEncoder _encoder;
    private readonly Action<string>? _sink;
    private Cursor _cursor = new();
    private bool _cursorShown;

    /// <param name="sink">Where the bytes go instead of the terminal (tests); null for the terminal.</param>
    public TerminalOutput(TerminalCapabilities capabilities, AppModel appModel = AppModel.FullScreen, Action<string>? sink = null) : base(appModel)
    {
        _sink = sink;
        _encoder = new FrameEncoder(capabilities);
        // The base constructor switched to the alternate screen, cleared it and hid the cursor.
        var size = GetSize();
        _encoder.Cleared(size.Height, size.Width);
    }

    public override void Write(IOutputBuffer buffer)
    {
        if (buffer.Contents is not { } contents) return;
        if (_encoder.Force16Colors != Force16Colors)
        {
            // The cells keep their attributes when the 16-colour switch flips; only their encoding changes.
            _encoder.Force16Colors = Force16Colors;
            _encoder.Invalidate();
        }
        string frame = _encoder.Encode(contents);
        for (int row = 0; row < buffer.Rows; row++)
            for (int col = 0; col < buffer.Cols; col++)
                contents[row, col].IsDirty = false;
        Send(frame);
    }

    public new Cursor GetCursor() => _cursor;

    /// <summary>
    /// The terminal's size from the kernel (TIOCGWINSZ): with this output in place Terminal.Gui's
    /// factory does not wire its own size query, and the ANSI size query would put bytes on the line.
    /// </summary>
    public new System.Drawing.Size GetSize()
    {
        // With stdout redirected Terminal.Gui still draws on the controlling terminal, whose size .NET reads.
        if (_sink is null)
        {
            try
            {
                int width = Console.WindowWidth, height = Console.WindowHeight;
                if (width > 0 && height > 0) return new System.Drawing.Size(width, height);
            }
            catch (IOException) { }
        }
        return base.GetSize();
    }

    public new void SetCursor(Cursor cursor)
    {
        _cursor = cursor;
        var output = new StringBuilder();
        if (cursor is { IsVisible: true, Position: { } at })
        {
            if (_encoder.CursorAt != (at.Y, at.X))
            {
                output.Append("\u001b[").Append(at.Y + 1).Append(';').Append(at.X + 1).Append('H');
                _encoder.MovedTo(at.Y, at.X);
            }
            if (!_cursorShown) output.Append(ShowCursor);
            _cursorShown = true;
        }
        else if (_cursorShown)
        {
            output.Append(HideCursor);
            _cursorShown = false;
        }
        Send(output.ToString());
    }

    /// <summary>Raw output from Terminal.Gui (queries, modes): sent as is; afterwards the cursor and attribute are not assumed.</summary>
    public new void Write(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (text.Contains("\u001b[2J", StringComparison.Ordinal) || text.Contains("\u001b[?1049h", StringComparison.Ordinal)) _encoder.Invalidate();
        else _encoder.ForeignOutput();
        Send(text.ToString());
    }

    /// <summary>Ctrl+Z: while the shell had the terminal anything may have been drawn, so the next frame is sent whole.</summary>
    public new void Suspend()
    {
        base.Suspend();
        _encoder.Invalidate();
        _cursorShown = true; // unknown: the next hidden cursor is sent again
    }

    private void Send(string text)
    {
        if (text.Length == 0) return;
        if (_sink is not null) _sink(text);
        else base.Write(text.AsSpan());
    }
}

/// <summary>Terminal.Gui's ANSI driver with <see cref="TerminalOutput"/> as its output and
/// <see cref="TerminalInput"/> (read when bytes arrive, waking <paramref name="idle"/>) as its input.</summary>
public sealed class QuietAnsiComponentFactory(TerminalCapabilities capabilities, IdleWait idle) : AnsiComponentFactory()
{
    public override IOutput CreateOutput() => new TerminalOutput(capabilities, AppModel);

    public override IInput<char> CreateInput() =>
        base.CreateInput() is AnsiInput ansi ? new TerminalInput(ansi, idle.Wake) : base.CreateInput();
}

/// <summary>
/// Puts <see cref="TerminalOutput"/> under an app created by <c>Application.Create()</c>.
/// Terminal.Gui 2.5 takes a component factory only through an internal constructor, so the factory
/// is set on the created app's field before Init; upstream would need a public
/// <c>Application.Create(IComponentFactory)</c>. If a Terminal.Gui update renames the field, the
/// app runs on the stock output and <see cref="Install"/> says so.
/// </summary>
public static class QuietTerminal
{
    /// <summary>Installs the quiet output, the quiet input and the idle wait; call before <c>Init()</c>.
    /// Null when they could not be installed; dispose the result when the app has ended.</summary>
    public static IdleWait? Install(IApplication app, TerminalCapabilities capabilities)
    {
        var idle = new IdleWait();
        try
        {
            ComponentFactory(app) = new QuietAnsiComponentFactory(capabilities, idle);
            idle.Attach(app);
            return idle;
        }
        catch (Exception e) when (e is MissingMemberException or TypeLoadException or NotSupportedException or InvalidProgramException)
        {
            // A Terminal.Gui update (or a runtime that cannot reach the field) must not keep the screen from starting.
            idle.Dispose();
            return null;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_componentFactory")]
    private static extern ref IComponentFactory? ComponentFactory([UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")] object app);
}
