using Terminal.Gui.Drawing;

namespace PppTui.Tui.Output;

/// <summary>Maps 24-bit colours to the xterm 256-colour palette and to the 16 ANSI colours.</summary>
public static class Palette
{
    private static readonly int[] CubeLevels = [0, 95, 135, 175, 215, 255];

    /// <summary>The nearest entry of the 6x6x6 cube or the grey ramp (16-255).</summary>
    public static int Index256(int r, int g, int b)
    {
        int ri = CubeIndex(r), gi = CubeIndex(g), bi = CubeIndex(b);
        int cube = 16 + 36 * ri + 6 * gi + bi;
        int cubeDistance = Distance(r, g, b, CubeLevels[ri], CubeLevels[gi], CubeLevels[bi]);
        int grey = Math.Clamp((((r + g + b) / 3) - 8 + 5) / 10, 0, 23);
        int level = 8 + 10 * grey;
        return Distance(r, g, b, level, level, level) < cubeDistance ? 232 + grey : cube;
    }

    /// <summary>The ANSI index 0-15 (0-7 normal, 8-15 bright) of Terminal.Gui's nearest named colour.</summary>
    public static int Index16(Color color) => color.GetClosestNamedColor16() switch
    {
        ColorName16.Black => 0,
        ColorName16.Red => 1,
        ColorName16.Green => 2,
        ColorName16.Yellow => 3,
        ColorName16.Blue => 4,
        ColorName16.Magenta => 5,
        ColorName16.Cyan => 6,
        ColorName16.Gray => 7,
        ColorName16.DarkGray => 8,
        ColorName16.BrightRed => 9,
        ColorName16.BrightGreen => 10,
        ColorName16.BrightYellow => 11,
        ColorName16.BrightBlue => 12,
        ColorName16.BrightMagenta => 13,
        ColorName16.BrightCyan => 14,
        _ => 15,
    };

    private static int CubeIndex(int v) => v < 48 ? 0 : v < 115 ? 1 : Math.Min(5, (v - 35) / 40);

    private static int Distance(int r1, int g1, int b1, int r2, int g2, int b2) =>
        (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2);
}
