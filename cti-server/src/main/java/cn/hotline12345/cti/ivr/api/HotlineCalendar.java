package cn.hotline12345.cti.ivr.api;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Port: the working-day calendar for the flows' {@code working_day} and {@code holiday} conditions. The
 * matter engineer builds the real one (public holidays and make-up working days); bind it here. Called on the
 * IVR's thread: must answer from memory, without I/O.
 */
public interface HotlineCalendar {

    /** Whether {@code day} is a working day (make-up working days count, public holidays do not). */
    boolean isWorkingDay(LocalDate day);

    /** Whether {@code day} is a public holiday. */
    boolean isHoliday(LocalDate day);

    /** The default until the real calendar is bound: Monday to Friday, no holidays. */
    static HotlineCalendar mondayToFriday() {
        return new HotlineCalendar() {
            @Override
            public boolean isWorkingDay(LocalDate day) {
                DayOfWeek d = day.getDayOfWeek();
                return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
            }

            @Override
            public boolean isHoliday(LocalDate day) {
                return false;
            }
        };
    }
}
