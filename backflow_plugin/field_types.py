"""Field types for QgsField on every QGIS: QMetaType from QGIS 3.38 (QGIS 4 / Qt6 has no
QVariant.Type at all), QVariant before. The values compare equal to what
QgsField.type() returns on the QGIS running."""

from __future__ import annotations

from qgis.core import Qgis

if Qgis.QGIS_VERSION_INT >= 33800:  # pragma: no cover - depends on the QGIS installed
    from qgis.PyQt.QtCore import QMetaType

    _T = QMetaType.Type
    BOOL, DATE, DATETIME, TIME = _T.Bool, _T.QDate, _T.QDateTime, _T.QTime
    DOUBLE, INT, LONGLONG, UINT, ULONGLONG = _T.Double, _T.Int, _T.LongLong, _T.UInt, _T.ULongLong
    STRING = _T.QString
else:
    from qgis.PyQt.QtCore import QVariant

    # Qt5 only, spelled as PyQt5 offers them: QGIS's pyqt5_to_pyqt6 script stops at a bare
    # QVariant.Type and turns these into QMetaType.Type (the branch above) for QGIS 4.
    BOOL, DATE, DATETIME, TIME = QVariant.Bool, QVariant.Date, QVariant.DateTime, QVariant.Time
    DOUBLE, INT, LONGLONG = QVariant.Double, QVariant.Int, QVariant.LongLong
    UINT, ULONGLONG, STRING = QVariant.UInt, QVariant.ULongLong, QVariant.String
