// The filter that lets a capped link's first click skip the lookup: never a
// "no" for a slug it holds (that would send a capped link down the path
// that answers unlimited ones, which still claims, but pays a read), and
// rarely a "maybe" for one it does not.

#include "server/core/slugfilter.h"

#include <gtest/gtest.h>

using namespace shortfuse;

TEST(SlugFilter, NeverForgetsAndRarelyImagines)
{
    SlugFilter filter;
    for (int i = 0; i < 1'000'000; ++i)
        filter.insert(QString::number(i, 36));
    for (int i = 0; i < 1'000'000; ++i)
        ASSERT_TRUE(filter.mayContain(QString::number(i, 36))) << i;
    int imagined = 0;
    for (int i = 0; i < 100'000; ++i)
        imagined += filter.mayContain(QString(u"-" + QString::number(i, 36)));
    EXPECT_LT(imagined, 1'000) << "more than 1% false positives at a million slugs";
    EXPECT_EQ(filter.inserted(), 1'000'000);

    filter.clear();
    EXPECT_FALSE(filter.mayContain(u"0"));
    EXPECT_EQ(filter.inserted(), 0);
}
