namespace PppTui.Tests.Tui;

/// <summary>Waits for work handed to a background task to come back to the (test) UI thread.</summary>
public static class Wait
{
    public static void Until(ScreenHost h, Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("Condition not met; message line: " + h.Screen.MessageText);
            Thread.Sleep(5);
            h.Draw();
        }
    }
}
