package io.pooledsqlite.examples.recipes;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The MyBatis recipe's mapper. */
public interface CounterMapper {
    /** The counter's value. */
    @Select("select n from counter where id = 1")
    int get();

    /** Sets the counter. */
    @Update("update counter set n = #{n} where id = 1")
    int set(@Param("n") int n);
}
