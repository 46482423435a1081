using Podium.Platform.Api;

namespace Podium.Tests.Api;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1, 50, 0)]
    [InlineData(3, 200, 400)]
    [InlineData(10_737_418, 200, 2_147_483_400)]
    public void Skip_ForAPageInRange_IsTheRowsBeforeIt(int page, int pageSize, int skip) =>
        new PageRequest(page, pageSize).Skip.ShouldBe(skip);

    [Theory]
    [InlineData(10_737_420, 200)]
    [InlineData(int.MaxValue, 2)]
    [InlineData(int.MaxValue, PageRequest.MaxPageSize)]
    public void Skip_WhenTheOffsetIsBeyondInt32_IsCappedInsteadOfWrappingToAnEarlierPage(int page, int pageSize) =>
        new PageRequest(page, pageSize).Skip.ShouldBe(int.MaxValue);
}
