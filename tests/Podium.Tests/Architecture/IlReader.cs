using System.Reflection;
using System.Reflection.Emit;

namespace Podium.Tests.Architecture;

/// <summary>
/// What compiled code calls and which string literals it holds, read from the IL: a rule about what a method does
/// cannot be checked from signatures alone, and async methods and lambdas keep their bodies in nested types.
/// </summary>
internal static class IlReader
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method and constructor of <paramref name="type"/> and of the types nested in it (state machines, closures).</summary>
    public static IEnumerable<MethodBase> MethodsOf(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>()
            .Concat(type.GetConstructors(Declared))
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));

    public static IEnumerable<MethodBase> CalledMethods(MethodBase method) =>
        Operands(method, OperandType.InlineMethod).Select(token => Resolve(() => method.Module.ResolveMethod(token, TypeArguments(method), MethodArguments(method))))
            .OfType<MethodBase>();

    public static IEnumerable<string> Strings(MethodBase method) =>
        Operands(method, OperandType.InlineString).Select(token => method.Module.ResolveString(token));

    private static IEnumerable<int> Operands(MethodBase method, OperandType wanted)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var opCode = OpCodesByValue[value];
            if (opCode.OperandType == wanted)
            {
                yield return BitConverter.ToInt32(il, position);
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }

    private static Type[]? TypeArguments(MethodBase method) =>
        method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;

    private static Type[]? MethodArguments(MethodBase method) =>
        method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;

    private static MethodBase? Resolve(Func<MethodBase?> resolve)
    {
        try
        {
            return resolve();
        }
        catch (Exception ex) when (ex is ArgumentException or TypeLoadException or BadImageFormatException or FileNotFoundException)
        {
            // A method of an assembly the test run does not load cannot be one of the types the rules look for.
            return null;
        }
    }
}
