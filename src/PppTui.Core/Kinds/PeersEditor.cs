namespace PppTui.Core.Kinds;

/// <summary>
/// The peers file being rendered: an <see cref="OptionFile"/> with the few operations kinds need.
/// Every method changes the text only when the file does not already say what is wanted, so a
/// profile rendered over the file it was imported from changes zero bytes.
/// </summary>
public sealed class PeersEditor
{
    public PeersEditor(string text)
    {
        File = OptionFile.Parse(text);
    }

    /// <summary>An editor over a file already read (the editor changes it).</summary>
    internal PeersEditor(OptionFile file)
    {
        File = file;
    }

    public OptionFile File { get; private set; }

    public string Text => File.Text;

    public IReadOnlyList<OptionEntry> Entries => File.Entries;

    public bool Has(string option) => File.Has(option);

    public string? Argument(string option) => File.GetArgument(option);

    public void Flag(string option, bool on)
    {
        if (on && !File.Has(option)) File.Add(option);
        else if (!on && File.Has(option)) File.Remove(option);
    }

    public void Value(string option, string? value)
    {
        if (value is null)
        {
            // An option whose argument the file never gives (it ends first) was read as no value:
            // leave the user's line for them to finish rather than delete it.
            if (File.Has(option) && !(PppOptionTable.TakesArgument(option) && File.GetArgument(option) is null)) File.Remove(option);
        }
        else if (!File.Has(option) || File.GetArgument(option) != value)
        {
            File.Set(option, value);
        }
    }

    public void Remove(string option)
    {
        if (File.Has(option)) File.Remove(option);
    }

    public void Add(string option, string? argument = null) => File.Add(option, argument);

    /// <summary>Replaces one word in place (a bare device or interface name), keeping its line.</summary>
    public void ReplaceWord(PppWord word, string value)
    {
        var encoded = PppQuoting.Quote(value);
        var text = File.Text;
        File = OptionFile.Parse(string.Concat(text.AsSpan(0, word.Start), encoded, text.AsSpan(word.End)));
    }

    /// <summary>The first bare word (an entry pppd takes as a device, speed or plugin argument) matching.</summary>
    public OptionEntry? FindBare(Func<string, bool> predicate) =>
        File.Entries.FirstOrDefault(e => !PppOptionTable.IsKnown(e.Name) && e.Argument is null && predicate(e.Name));

    /// <summary>The raw text of an entry as it stands in the file, e.g. <c>asyncmap 0</c>.</summary>
    public string RawText(OptionEntry entry)
    {
        var end = (entry.ArgumentWord ?? entry.NameWord).End;
        return File.Text[entry.NameWord.Start..end];
    }
}
