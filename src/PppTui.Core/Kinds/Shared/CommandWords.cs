namespace PppTui.Core.Kinds;

/// <summary>
/// Splits the command inside a <c>pty</c> or <c>connect</c> option the way /bin/sh would for the
/// simple commands ppptui writes (words separated by blanks, single or double quotes). It is only
/// used to recognise a command; ppptui never builds one from untrusted words.
/// </summary>
public static class CommandWords
{
    public static IReadOnlyList<string> Split(string command)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in command)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; inWord = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(current.ToString()); current.Clear(); inWord = false; }
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }

    public static string ProgramName(IReadOnlyList<string> words) =>
        words.Count == 0 ? "" : Path.GetFileName(words[0]);
}
