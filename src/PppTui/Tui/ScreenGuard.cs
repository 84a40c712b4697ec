namespace PppTui.Tui;

/// <summary>
/// The top-level exception guard for the main loop: an exception that escapes a handler is
/// reported and the loop goes on. Only a burst (a draw that throws on every frame) stops the
/// screen, so a broken state cannot spin forever; <see cref="Fatal"/> then says why.
/// </summary>
public sealed class ScreenGuard(ErrorLog errors, int limit, TimeSpan window, Func<DateTimeOffset>? clock = null)
{
    private readonly Queue<DateTimeOffset> _times = new();
    private readonly Func<DateTimeOffset> _clock = clock ?? (() => DateTimeOffset.Now);

    public Exception? Fatal { get; private set; }

    /// <summary>For Terminal.Gui's Run: true to keep the loop going.</summary>
    public bool Handle(Exception exception)
    {
        errors.Report(exception, "The screen");
        var now = _clock();
        _times.Enqueue(now);
        while (_times.Count > 0 && now - _times.Peek() > window) _times.Dequeue();
        if (_times.Count < limit) return true;
        Fatal = exception;
        return false;
    }
}
