using PppTui.Tui.Output;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PppTui.Tests.Tui;

public class TerminalOutputTests
{
    private static readonly TerminalCapabilities Tmux = new(ColorDepth.Colors256, Utf8: true);

    private static Cell[,] Frame(ScreenHost host) => (Cell[,])host.App.Driver!.Contents!.Clone();

    [Fact]
    public void An_idle_screen_writes_nothing_after_its_first_frame()
    {
        using var host = ScreenHost.Start(80, 24);
        var encoder = new FrameEncoder(Tmux);
        string first = encoder.Encode(Frame(host));
        Assert.InRange(first.Length, 1000, 8 * 1024);
        for (int second = 0; second < 5; second++)
        {
            host.Advance(TimeSpan.FromSeconds(1));
            host.Draw();
            Assert.Equal("", encoder.Encode(Frame(host)));
        }
    }

    [Fact]
    public void A_hidden_cursor_is_sent_once_not_on_every_main_loop_pass()
    {
        var sent = new List<string>();
        using var output = new TerminalOutput(Tmux, sink: sent.Add);
        var hidden = new Cursor { Style = CursorStyle.Hidden };
        for (int pass = 0; pass < 25; pass++) ((IOutput)output).SetCursor(hidden);
        Assert.Empty(sent);
        ((IOutput)output).SetCursor(new Cursor { Style = CursorStyle.SteadyBlock, Position = new System.Drawing.Point(3, 2) });
        ((IOutput)output).SetCursor(new Cursor { Style = CursorStyle.SteadyBlock, Position = new System.Drawing.Point(3, 2) });
        Assert.Equal("\u001b[3;4H\u001b[?25h", string.Concat(sent));
    }

    [Fact]
    public void A_new_log_line_writes_only_the_changed_cells_in_under_200_bytes()
    {
        using var host = ScreenHost.Start(80, 24);
        host.Press(Terminal.Gui.Input.Key.D6.WithAlt);
        host.Draw();
        var encoder = new FrameEncoder(Tmux);
        encoder.Encode(Frame(host));
        const string text = "sent [LCP EchoReq id=0x1 magic=0x5f3e]";
        host.Log.Post(new LogLine(DateTimeOffset.Now, "box", "pppd", 4242, LogSeverity.Info, text, "syslog", "pppd[4242]: " + text));
        host.Advance(TimeSpan.FromMilliseconds(150));
        host.Draw();
        string update = encoder.Encode(Frame(host));
        Assert.Contains("EchoReq", update);
        Assert.InRange(update.Length, 1, 199);
    }

    [Fact]
    public void An_attribute_sequence_goes_out_only_where_the_attribute_changes()
    {
        var red = new Attribute(new Color(255, 0, 0), new Color(0, 0, 0));
        var cells = Row("abcd", red);
        var encoder = Blank(Tmux, cells);
        Assert.Equal("\u001b[38;5;196;48;5;16mabcd", encoder.Encode(cells));
        cells[0, 2] = new Cell(red, true, "X");
        Assert.Equal("\u001b[1;3HX", encoder.Encode(cells));
    }

    [Fact]
    public void After_the_terminal_was_lost_the_next_frame_is_sent_whole()
    {
        var cells = Row("abcd", new Attribute(Color.None, Color.None));
        var encoder = Blank(Tmux, cells);
        Assert.Equal("abcd", encoder.Encode(cells));
        Assert.Equal("", encoder.Encode(cells));
        encoder.Invalidate();
        Assert.Equal("\u001b[1;1H\u001b[0mabcd", encoder.Encode(cells));
    }

    [Fact]
    public void After_Ctrl_L_clears_the_terminal_the_unchanged_screen_is_sent_whole_once()
    {
        var sent = new List<string>();
        using var output = new TerminalOutput(Tmux, sink: sent.Add);
        var buffer = new OutputBufferImpl();
        buffer.SetSize(12, 2);
        buffer.ClearContents();
        buffer.Move(0, 0);
        buffer.AddStr("ppp0 up");
        ((IOutput)output).Write(buffer);
        sent.Clear();
        ((IOutput)output).Write(buffer);
        Assert.Empty(sent);
        ((IOutput)output).Write("\u001b[2J"); // what Ctrl+L (GeneralCommands.Repaint) sends through the driver
        ((IOutput)output).Write(buffer);
        Assert.Contains("ppp0 up", string.Concat(sent));
        sent.Clear();
        ((IOutput)output).Write(buffer);
        Assert.Empty(sent);
    }

    [Fact]
    public void A_new_size_clears_the_screen_and_starts_drawing_at_the_top_left()
    {
        var encoder = Blank(Tmux, Row("ab", new Attribute(Color.None, Color.None)));
        encoder.MovedTo(0, 1);
        Assert.Equal("\u001b[0m\u001b[2J\u001b[Habc", encoder.Encode(Row("abc", new Attribute(Color.None, Color.None))));
    }

    [Theory]
    [InlineData("xterm-256color", "truecolor", "38;2;0;255;255")]
    [InlineData("xterm-256color", "", "38;5;51")]
    [InlineData("tmux-256color", "", "38;5;51")]
    [InlineData("linux", "", "[36m")]
    [InlineData("xterm", "", "[36m")]
    public void Colours_follow_COLORTERM_and_TERM(string term, string colorTerm, string expected)
    {
        var caps = TerminalCapabilities.Detect(Env(("TERM", term), ("COLORTERM", colorTerm), ("LANG", "C.UTF-8")));
        string text = Encode(caps, Row("a", new Attribute(new Color(0, 255, 255), Color.None)));
        Assert.Contains(expected, text);
        if (caps.Colors != ColorDepth.TrueColor) Assert.DoesNotContain("38;2;", text);
    }

    [Theory]
    [InlineData("vt100", null)]
    [InlineData("vt220", null)]
    [InlineData("xterm-256color", "1")]
    public void Vt100_vt220_and_NO_COLOR_get_no_colour_but_highlights_in_reverse(string term, string? noColor)
    {
        var caps = TerminalCapabilities.Detect(Env(("TERM", term), ("NO_COLOR", noColor), ("COLORTERM", "truecolor")));
        Assert.Equal(ColorDepth.None, caps.Colors);
        string text = Encode(caps, Row("ab", new Attribute(new Color(0, 0, 0), new Color(192, 192, 192))));
        Assert.Equal("\u001b[0;7mab", text);
    }

    [Theory]
    [InlineData(null, null, "C", false)]
    [InlineData(null, null, null, false)]
    [InlineData(null, null, "en_US.UTF-8", true)]
    [InlineData("C", null, "en_US.UTF-8", false)]
    [InlineData(null, "de_DE.utf8", "C", true)]
    public void The_locale_decides_whether_frames_are_UTF8(string? lcAll, string? lcCtype, string? lang, bool utf8) =>
        Assert.Equal(utf8, TerminalCapabilities.Detect(Env(("LC_ALL", lcAll), ("LC_CTYPE", lcCtype), ("LANG", lang), ("TERM", "xterm"))).Utf8);

    [Fact]
    public void Under_LANG_C_the_main_screen_is_drawn_in_ASCII_with_the_same_columns()
    {
        using var host = ScreenHost.Start(80, 24);
        var caps = TerminalCapabilities.Detect(Env(("LANG", "C"), ("TERM", "xterm")));
        string text = new FrameEncoder(caps).Encode(Frame(host));
        Assert.All(text, c => Assert.True(c < 128, $"U+{(int)c:X4} is not ASCII"));
        Assert.Contains("+-", text);
        Assert.Contains("|", text);
    }

    [Fact]
    public void A_wide_character_takes_two_columns_and_keeps_the_next_cell_aligned()
    {
        var plain = new Attribute(Color.None, Color.None);
        var cells = Row("a中 b", plain);
        cells[0, 2] = new Cell(plain, true, "");
        // The terminal advances two columns over 中; the blank after it is already on the screen.
        Assert.Equal("a中b", Blank(Tmux, cells).Encode(cells));
        var ascii = new TerminalCapabilities(ColorDepth.None, Utf8: false);
        Assert.Equal("a??b", Blank(ascii, cells).Encode(cells));
    }

    [Fact]
    public void A_wide_character_drawn_again_unchanged_sends_nothing_and_is_not_blanked_half_way()
    {
        var plain = new Attribute(Color.None, Color.None);
        var cells = Row("#特x别xb", plain);
        cells[0, 2] = new Cell(plain, true, "");
        cells[0, 4] = new Cell(plain, true, "");
        var encoder = Blank(Tmux, cells);
        Assert.Equal("#特别b", encoder.Encode(cells));
        // Drawn again as it is (every redraw of the preview does this), the row must stay as it is on
        // the screen: a blank sent to the second column of 特 would erase the character.
        Assert.Equal("", encoder.Encode(cells));
    }

    /// <summary>An encoder for a terminal just cleared, as it is after start-up.</summary>
    private static FrameEncoder Blank(TerminalCapabilities caps, Cell[,] cells)
    {
        var encoder = new FrameEncoder(caps);
        encoder.Cleared(cells.GetLength(0), cells.GetLength(1));
        return encoder;
    }

    private static string Encode(TerminalCapabilities caps, Cell[,] cells) => Blank(caps, cells).Encode(cells);

    private static Cell[,] Row(string text, Attribute attribute)
    {
        var cells = new Cell[1, text.Length];
        for (int i = 0; i < text.Length; i++) cells[0, i] = new Cell(attribute, true, text[i].ToString());
        return cells;
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
